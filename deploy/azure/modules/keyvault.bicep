// Key Vault (RBAC) holding the app's secrets; the app's identity may read them (Key Vault Secrets User).
param name string
param location string

@description('The identity that reads the secrets.')
param readerPrincipalId string

@description('The secrets\' names, in the order of their values.')
param secretNames array

@description('Secret name -> value (the names in secretNames).')
@secure()
param secrets object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: true
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for secretName in secretNames: {
  parent: vault
  name: secretName
  properties: {
    value: secrets[secretName]
  }
}]

// Key Vault Secrets User
var secretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource read 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, readerPrincipalId, secretsUserRole)
  properties: {
    roleDefinitionId: secretsUserRole
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('Secret name -> its URI without a version (the app takes the newest when it restarts).')
output secretUris object = toObject(secretNames, secretName => secretName, secretName => '${vault.properties.vaultUri}secrets/${secretName}')

// The role assignment's id, so that a caller can wait for it.
output readerAssignmentId string = read.id
