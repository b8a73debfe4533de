/**
 * How the ingester authenticates to and trusts an MLflow tracking server, read from the
 * variables MLflow's own client reads (see src/config.ts). Basic auth wins over a token when
 * both are set, as in MLflow's client.
 */
export interface MlflowTrackingAccess {
  readonly username: string | null;
  readonly password: string | null;
  readonly token: string | null;
  /** MLFLOW_TRACKING_INSECURE_TLS: the server's certificate is not verified. */
  readonly insecureTls: boolean;
  /** MLFLOW_TRACKING_SERVER_CERT_PATH: a CA bundle (PEM) the server's certificate must chain to. */
  readonly serverCertPath: string | null;
}
