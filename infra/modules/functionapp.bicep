// The Flex Consumption plan and the Linux function app (dotnet-isolated 10.0). Every connection is
// identity-based through the one user-assigned identity: the Functions host's storage, the
// deployment package, Application Insights (Entra auth) and the Key Vault reference for SMTP.
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerName string
param appInsightsConnectionString string
@description('Key Vault reference (@Microsoft.KeyVault(SecretUri=...)) to the SMTP password.')
param smtpCredentialReference string
param smtpHost string
param smtpPort int
param smtpSecurity string
param smtpFrom string
param smtpUser string
param maximumInstanceCount int
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  // azd finds the host of the `functions` service in azure.yaml by this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Flex Consumption takes the runtime from functionAppConfig, so FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION are not set here (the platform rejects them on this plan).
resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
    AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
    AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Smtp__Host: smtpHost
    Smtp__Port: string(smtpPort)
    Smtp__Security: smtpSecurity
    Smtp__From: smtpFrom
    Smtp__User: smtpUser
    Smtp__Password: smtpCredentialReference
    // Mailed reports link to the release's page in the web app, served by this app itself.
    PublicBaseUrl: 'https://${app.properties.defaultHostName}'
    // App Service Authentication (modules/authentication.bicep) stands in front: the code may trust
    // the caller it passes in X-MS-CLIENT-PRINCIPAL and checks the app roles from it.
    CodeUpdates__Auth__Mode: 'Platform'
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
