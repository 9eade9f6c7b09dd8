// CodeUpdates on Azure: one resource group holding a Flex Consumption function app, its storage
// (release drops, snapshots, tables, queues), monitoring, the SMTP secret and the Event Grid wiring
// that fires the IngestRelease blob trigger. Deployed by `azd up`; see infra/README.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. Pick one where Flex Consumption is offered.')
param location string

@description('SMTP server that sends the change reports.')
param smtpHost string

@description('SMTP port: 587 for starttls, 465 for ssl, 25 for none.')
param smtpPort int = 587

@allowed([
  'none'
  'starttls'
  'ssl'
])
@description('How the SMTP connection is secured.')
param smtpSecurity string = 'starttls'

@description('Sender address of the change report mail.')
param smtpFrom string

@description('SMTP user name; empty when the server needs no login.')
param smtpUser string = ''

@secure()
@description('SMTP password, kept only in Key Vault; the app reads it through a Key Vault reference.')
param smtpPassword string

@secure()
@description('The function app\'s blobs_extension system key. Empty on the first provision (the key exists only once the code runs); infra/hooks/postdeploy.sh sets it and the Event Grid subscription is then created.')
param blobExtensionKey string = ''

@description('Object id of the person (or group) who drops release files; gets Storage Blob Data Contributor on the releases container. azd fills in the signed-in user.')
param adminPrincipalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
@description('Kind of principal adminPrincipalId names.')
param adminPrincipalType string = 'User'

@minLength(36)
@maxLength(36)
@description('Application (client) id of the CodeUpdates app registration that signs people and apps in. The preprovision hook creates the registration when AUTH_CLIENT_ID is not set, or uses the one an admin made.')
param authClientId string

@description('Directory (tenant) id of the app registration; empty means the tenant of this subscription.')
param authTenantId string = ''

@description('Most instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

var tags = {
  'azd-env-name': environmentName
}

// Short, stable and unique per subscription, environment and region: storage and Key Vault names are global.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
// Names fixed before deployment, so role assignment names and What-If do not wait on module outputs.
var identityName = 'id-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var systemTopicName = 'evgt-${resourceToken}'
var eventDeadLetterContainerName = 'event-deadletter'
var functionAppName = 'func-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    workspaceName: 'log-${resourceToken}'
    appInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
    identityPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    identityName: identityName
    identityPrincipalId: identity.outputs.principalId
    adminPrincipalId: adminPrincipalId
    adminPrincipalType: adminPrincipalType
    eventDeadLetterContainerName: eventDeadLetterContainerName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
    identityPrincipalId: identity.outputs.principalId
    smtpPassword: smtpPassword
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    planName: 'plan-${resourceToken}'
    appName: functionAppName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    smtpCredentialReference: keyVault.outputs.smtpCredentialReference
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpSecurity: smtpSecurity
    smtpFrom: smtpFrom
    smtpUser: smtpUser
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

// Entra ID sign-in in front of every route but the blob extension's webhook.
module authentication 'modules/authentication.bicep' = {
  name: 'authentication'
  scope: rg
  params: {
    appName: functionAppName
    clientId: authClientId
    tenantId: empty(authTenantId) ? tenant().tenantId : authTenantId
  }
  dependsOn: [
    functionApp
  ]
}

// The system topic exists from the first provision; only the subscription waits for the key.
module releaseEvents 'modules/release-events.bicep' = {
  name: 'release-events'
  scope: rg
  params: {
    systemTopicName: systemTopicName
    location: location
    tags: tags
    storageAccountName: storageAccountName
    deadLetterContainerName: eventDeadLetterContainerName
  }
  dependsOn: [
    storage
  ]
}

module releaseEventsSubscription 'modules/release-events-subscription.bicep' = if (!empty(blobExtensionKey)) {
  name: 'release-events-subscription'
  scope: rg
  params: {
    systemTopicName: systemTopicName
    functionAppHostName: functionApp.outputs.defaultHostName
    storageAccountName: storageAccountName
    deadLetterContainerName: eventDeadLetterContainerName
    blobExtensionKey: blobExtensionKey
  }
  dependsOn: [
    releaseEvents
  ]
}

// Read by azd (deploy target, hooks) and by the post-deploy hook.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = releaseEvents.outputs.systemTopicName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
