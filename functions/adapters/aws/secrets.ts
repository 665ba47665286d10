import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** A secret's string value, read once per container (a failed read is not cached: the next call tries again). */
export const createSecretReader = (secretId: string, client = new SecretsManagerClient({})) => {
  let cached: Promise<string> | undefined;
  return (): Promise<string> => {
    cached ??= client
      .send(new GetSecretValueCommand({ SecretId: secretId }))
      .then((out) => out.SecretString ?? '')
      .catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
    return cached;
  };
};
