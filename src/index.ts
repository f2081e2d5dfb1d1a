/** Coffer as a library (`coffer`): wire it on a database, and its error type. */
export { type Coffer, openCoffer, wireCoffer } from './app.js'
export { CofferError, type ErrorCode, isCofferError } from './errors.js'
