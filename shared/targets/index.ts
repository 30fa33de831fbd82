/**
 * Target and profile import: every input (paste, CSV/TSV/JSON files, execute bodies, curl commands)
 * lands in one `Table`, which a `ColumnMapping` turns into `target` and `target_with_params`.
 */
export type { ColumnMapping, Delimiter, ExecuteBodyData, ParamType, ParsedExecuteBody, RowsDiagnostic, Table, TableFormat } from './types';
export { type DecodedText, type TextEncodingName, decodeText, decodeWindows1252 } from './decode';
export { DELIMITERS, type ParseTableOptions, delimiterForFile, delimiterName, parseTable, sniffDelimiter } from './table';
export { type ParseJsonRowsOptions, parseJsonRows } from './json-rows';
export { type BuildTargetsOptions, type BuiltTargets, type DefaultMappingResult, buildTargets, defaultMapping, normalizeColumnName } from './mapping';
export { type ParseExecuteBodyOptions, parseExecuteBody } from './execute-body';
export { type BodyTable, executeBodyToTable } from './body-table';
export { type ParsedCurl, parseCurl } from './curl';
export { EXECUTE_PATH } from '../send/request';
export { type ParseProfilesOptions, type ParsedProfiles, parseProfiles } from './profiles';
export { type IdPlaces, checkPhone, idKind, isEmail, normalizePhoneId, validateIds } from './ids';
export { type ToCsvOptions, toCsv } from './csv-export';
export { type ParsedPaste, type PasteKind, detectPaste, parsePaste } from './paste';
export { type RowPlace, rowLabel, rowPlace } from './place';
export { type JsonNode, type JsonParseResult, parseJson } from './json';
