// The script-tag bundle: registers every element and exports the public API.
import './define.js';
export * from './index.js';
