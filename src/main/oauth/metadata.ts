import { allowInsecureRequests, Configuration, type ClientAuth, type ServerMetadata } from 'openid-client'

/**
 * What Relink knows about a network's authorization server, written by hand from its
 * documentation (most social networks publish no RFC 8414 discovery document).
 */
export interface AuthorizationServerMetadata {
  /** RFC 8414 issuer identifier; when set, the `iss` response parameter is checked (RFC 9207). */
  issuer?: string
  authorization_endpoint: string
  token_endpoint: string
  /** RFC 7009 endpoint, where the network has one. */
  revocation_endpoint?: string
  /** RFC 9207 §3: when true, a redirect without `iss` is rejected. */
  authorization_response_iss_parameter_supported?: boolean
}

/**
 * openid-client insists on an issuer. A network that has none is given the origin of its
 * authorization endpoint as a stand-in; `iss` is then never compared against it (see
 * `hasRealIssuer`), because the network never promised one.
 */
export function toServerMetadata(server: AuthorizationServerMetadata): ServerMetadata {
  return {
    issuer: hasRealIssuer(server) ? server.issuer : new URL(server.authorization_endpoint).origin,
    authorization_endpoint: server.authorization_endpoint,
    token_endpoint: server.token_endpoint,
    ...(server.revocation_endpoint !== undefined ? { revocation_endpoint: server.revocation_endpoint } : {}),
    // RFC 9207 §2.4 only applies when the issuer is really known.
    ...(hasRealIssuer(server) && server.authorization_response_iss_parameter_supported === true
      ? { authorization_response_iss_parameter_supported: true }
      : {}),
  }
}

export function hasRealIssuer(server: AuthorizationServerMetadata): server is AuthorizationServerMetadata & { issuer: string } {
  return typeof server.issuer === 'string' && server.issuer.length > 0
}

/**
 * A `Configuration` from hand-written metadata. `allowInsecure` permits `http:` endpoints and is
 * only for the sandbox network and tests on loopback; real networks are https only.
 */
export function createConfiguration(
  server: AuthorizationServerMetadata,
  clientId: string,
  clientAuth: ClientAuth,
  allowInsecure: boolean,
): Configuration {
  const config = new Configuration(toServerMetadata(server), clientId, undefined, clientAuth)
  if (allowInsecure) allowInsecureRequests(config)
  return config
}
