/**
 * `runpage/mlflow`: a RunSource over an MLflow tracking server's REST API, for any element.
 * It uses only `fetch`, so it runs in browsers (the tracking server must allow your page's origin
 * with CORS, or sit behind the same origin) and in Node.
 *
 *   import { MlflowSource } from 'runpage/mlflow';
 *   chart.source = new MlflowSource({ baseUrl: 'https://mlflow.example.com', headers: { Authorization: `Bearer ${token}` } });
 *
 * Importing it registers no element.
 */
export { MlflowSource, MAX_BULK_INTERVAL_RESULTS, type MlflowSourceOptions } from './formats/mlflow/mlflow-source.js';
export type { MlflowClientOptions } from './formats/mlflow/rest-client.js';
