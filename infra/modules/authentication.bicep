// App Service Authentication ("Easy Auth") in front of the function app: every request must carry
// a Microsoft Entra ID sign-in (a browser session cookie or a bearer token for the API's app id URI)
// except the blob extension's webhook, which Event Grid calls with the blobs_extension key. The
// platform validates the sign-in and passes the caller to the code in X-MS-CLIENT-PRINCIPAL; the
// code checks the app roles (CodeUpdates.Reader, CodeUpdates.Admin) per route.
param appName string

@description('Application (client) id of the CodeUpdates app registration (see infra/hooks/preprovision.sh).')
param clientId string

@description('Directory (tenant) id the app registration lives in.')
param tenantId string

resource app 'Microsoft.Web/sites@2024-11-01' existing = {
  name: appName
}

resource authSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      // A browser without a session is sent to the Entra ID sign-in page. Apps send a bearer token;
      // the platform refuses one that is not valid for this registration before the code runs.
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      // Event Grid delivers BlobCreated to the blob extension with the system key, not a token.
      excludedPaths: [
        '/runtime/webhooks/blobs'
      ]
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: clientId
          // No client secret: the platform signs people in with an ID token (the registration
          // issues them) and never calls another API on their behalf, so no secret has to be kept.
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
        }
        validation: {
          // v1 access tokens (the default for a registration) carry the app id URI as audience,
          // v2 tokens the client id; calling apps ask for api://<client id>/.default.
          allowedAudiences: [
            'api://${clientId}'
            clientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
  }
}
