/** Content type of an XLSX workbook (Office Open XML spreadsheet), accepted by POST /v1/parts/import. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
