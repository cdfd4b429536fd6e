/**
 * A user's browser for the logins of the tests: the one the local services' sign-in uses
 * (local-providers/services/sign-in.ts), under the names the tests know.
 */
export { Browser, followSignIn as signIn, pkcePair } from "../../local-providers/services";
