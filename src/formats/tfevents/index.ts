/** TensorBoard event files: TFRecord framing, Event decoding, run assembly, folders. */
export { TfRecordReader, readTfRecords, frameTfRecord, type TfRecord, type TfRecordReaderOptions } from './tfrecord.js';
export { decodeEvent, decodeTensor, type TfEvent, type TfValue, type TfHistogram } from './event.js';
export { decodeHparamsPluginData, type TfHparams } from './hparams.js';
export {
  TfeventsRunReader,
  isEventFileName,
  metricKey,
  type TfeventsRun,
  type TfeventsUpdate,
  type TfeventsRunOptions,
  type TfeventsLiveness,
  type TfeventsStatus,
  type TfHistogramPoint,
} from './run-reader.js';
export {
  findTfeventsRuns,
  readTfeventsRun,
  TfeventsFolderRun,
  type TfeventsRunRef,
  type TfeventsFolderRunOptions,
} from './folder.js';
