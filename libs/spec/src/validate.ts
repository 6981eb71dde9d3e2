// Config errors name the file and the field path; the schemas that raise them are in @ssl-distill/schema.
export { ConfigError } from '@ssl-distill/schema';
