// Loaded first by csp.html (an external classic script: the page's policy forbids inline ones).
// Records every Content-Security-Policy violation for the test that opens the page.
window.runpageCspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.runpageCspViolations.push({
    directive: e.effectiveDirective,
    blocked: e.blockedURI,
    source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : '',
    sample: e.sample,
  });
});
