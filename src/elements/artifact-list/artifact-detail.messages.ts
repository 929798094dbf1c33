import { defineMessages } from '../../internal/i18n.js';

/** Labels only the artifact detail uses (loaded with it). */
export const dmsg = defineMessages('artifactDetail', {
  filesHeading: 'Files',
  description: 'Description',
  metadata: 'Metadata',
  noMetadata: 'No metadata.',
  lineage: 'Lineage',
  producer: 'Logged by',
  consumers: 'Used by',
  noConsumers: 'No run has used it yet.',
  unknownProducer: 'Unknown',
  thisRun: '(this run)',
  versions: 'Versions',
  current: 'shown',
  notInRun: 'not in this run',
});
