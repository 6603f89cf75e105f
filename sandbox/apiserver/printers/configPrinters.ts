import { timestampSince } from './age';
import { obj, str } from './fields';
import { ageColumn, column, nameColumn, type KindPrinter } from './table';

/** ConfigMaps, Secrets and ServiceAccounts: counts of entries, never values. */

export const configMapPrinter: KindPrinter = {
  columns: [nameColumn, column('Data', 'Data contains the configuration data.'), ageColumn],
  cells(object, context) {
    const count = Object.keys(obj(object.data)).length + Object.keys(obj(object.binaryData)).length;
    return [str(object.metadata.name), count, timestampSince(object.metadata.creationTimestamp, context.now)];
  },
};

export const secretPrinter: KindPrinter = {
  columns: [nameColumn, column('Type', 'Used to facilitate programmatic handling of secret data.'), column('Data', 'Data contains the secret data.'), ageColumn],
  cells(object, context) {
    return [str(object.metadata.name), str(object.type), Object.keys(obj(object.data)).length, timestampSince(object.metadata.creationTimestamp, context.now)];
  },
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [nameColumn, column('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), ageColumn],
  cells(object, context) {
    const secrets = Array.isArray(object.secrets) ? object.secrets.length : 0;
    return [str(object.metadata.name), secrets, timestampSince(object.metadata.creationTimestamp, context.now)];
  },
};
