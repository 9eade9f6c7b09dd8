// The app's one storage account: release drops, quarantined files, parsed snapshots, the version
// tables, the change-report queues, the Functions host's own state and the Flex Consumption
// deployment package. Entra ID only: shared keys are off, so every client (the app, admins, azd)
// signs in and is authorised by the data roles below.
param name string
param location string
param tags object
@description('Name of the app identity; seeds the role assignment names.')
param identityName string
param identityPrincipalId string
param adminPrincipalId string
param adminPrincipalType string
param eventDeadLetterContainerName string

// The tables and queues the code uses (see DESIGN.md); the host creates its own azure-webjobs-* ones.
var tableNames = [
  'releases'
  'versions'
  'closedversions'
  'subscribers'
  'sentmail'
]
var queueNames = [
  'change-reports'
  'change-reports-poison'
]

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    // An admin's accidental delete or overwrite of a drop can be undone for a week.
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

// Admins drop release files here (releases/hcpcs/..., releases/cpt/...); Event Grid watches it.
resource releasesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'releases'
  properties: {
    publicAccess: 'None'
  }
}

// Files that cannot be a release are moved here, kept with the reason, never retried.
resource quarantineContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'quarantine'
  properties: {
    publicAccess: 'None'
  }
}

// Each published release, parsed, as gzipped JSON: the input from which versions are recomputed.
resource snapshotsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'snapshots'
  properties: {
    publicAccess: 'None'
  }
}

// BlobCreated events Event Grid could not deliver after its retries: kept here, not lost; the
// reconciliation sweep ingests the files they were about, and the events show when delivery failed.
resource eventDeadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: eventDeadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Flex Consumption runs the app from a package azd uploads here (functionAppConfig.deployment).
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: 'app-package'
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

// Storage Blob Data Owner, Storage Queue Data Contributor, Storage Table Data Contributor:
// what identity-based AzureWebJobsStorage and the blob and queue extensions need.
resource appDataRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [
    'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
    '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
    '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  ]: {
    name: guid(storage.id, identityName, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

// The admin who drops releases: Storage Blob Data Contributor on the releases container only.
resource adminDropRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminPrincipalId)) {
  name: guid(releasesContainer.id, adminPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: releasesContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: adminPrincipalId
    principalType: adminPrincipalType
  }
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output deploymentContainerName string = deploymentContainer.name
