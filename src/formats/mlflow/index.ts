/** MLflow: the `mlruns/` file store and a RunSource over a tracking server's REST API. */
export {
  findMlflowStores,
  isMlflowStore,
  listMlflowExperiments,
  listMlflowRuns,
  listMlflowRunsAt,
  readMlflowRun,
  mlflowArtifactPath,
  type MlflowExperiment,
  type MlflowRun,
  type MlflowRunLocation,
  type ListMlflowRunsOptions,
  type ReadMlflowRunOptions,
} from './file-store.js';
export { parseMetricFile, parseMlflowNumber, type MlflowMetricPoint, type ParsedMetricFile } from './metric-file.js';
export {
  parseRunMeta,
  parseExperimentMeta,
  mlflowState,
  normalizeStatus,
  type MlflowRunMeta,
  type MlflowExperimentMeta,
  type MlflowStatus,
} from './meta.js';
export { runInfoFromTags, latestValue, parseLoggedModels, type MlflowLoggedModel } from './run-info.js';
export { MlflowSource, MAX_BULK_INTERVAL_RESULTS, type MlflowSourceOptions } from './mlflow-source.js';
export { MlflowClient, parseJson, toNumber, type MlflowClientOptions } from './rest-client.js';
export { modelArtifact, modelArtifactId, modelArtifactPath, datasetArtifacts } from './artifacts.js';
