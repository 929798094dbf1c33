import { defineMessages } from '../../internal/i18n.js';

/** Labels only the artifact detail uses (loaded with it). */
export const dmsg = defineMessages(
  'artifactDetail',
  {
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
  },
  {
    filesHeading: 'ファイル',
    description: '説明',
    metadata: 'メタデータ',
    noMetadata: 'メタデータはありません。',
    lineage: '系譜',
    producer: '記録したラン',
    consumers: '使用したラン',
    noConsumers: 'まだどのランにも使用されていません。',
    unknownProducer: '不明',
    thisRun: '（このラン）',
    versions: 'バージョン',
    current: '表示中',
    notInRun: 'このランにはありません',
  },
);
