import { column, nameColumn, ageColumn, type KindPrinter } from './table';

/**
 * Kinds without a printer upstream (Roles, ClusterRoles) get the default table convertor's
 * NAME and CREATED AT, the creation time in RFC 3339 (pkg/registry/rest/table.go).
 */
export const defaultPrinter: KindPrinter = {
  columns: [nameColumn, column('Created At', ageColumn.description, { type: 'date' })],
  cells(object) {
    const created = object.metadata.creationTimestamp ? new Date(object.metadata.creationTimestamp).toISOString().replace(/\.\d{3}Z$/, 'Z') : '0001-01-01T00:00:00Z';
    return [object.metadata.name ?? '', created];
  },
};
