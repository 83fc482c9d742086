/**
 * The Base URL of every credential test. n8n evaluates this expression when a user clicks "Test",
 * so it cannot call baseUrlOf() (request.ts); it trims trailing slashes the same way.
 */
export const CREDENTIAL_TEST_BASE_URL = '={{$credentials.baseUrl.replace(/\\/+$/, "")}}';
