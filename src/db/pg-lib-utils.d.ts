/** node-postgres' own value serialiser (lib/utils.js), used by its Query for Bind: the batch uses the same. */
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): unknown }
  export default utils
}
