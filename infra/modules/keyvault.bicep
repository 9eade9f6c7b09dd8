// Key Vault for the SMTP password. RBAC authorization (no access policies): the app's identity
// gets Key Vault Secrets User and reads the secret through a Key Vault reference app setting.
param name string
param location string
param tags object
@description('Name of the app identity; seeds the role assignment names.')
param identityName string
param identityPrincipalId string

@secure()
param smtpPassword string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
  }
}

// Key Vault Secrets User
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityName, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
// The app setting value: a Key Vault reference to the versionless secret URI, so the app picks up
// a rotated password without a redeploy. It names the secret; it does not hold it.
output smtpCredentialReference string = '@Microsoft.KeyVault(SecretUri=${smtpPasswordSecret.properties.secretUri})'
