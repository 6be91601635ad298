// Azure Container Registry for the bot's image; the app pulls with the user-assigned identity (no admin user).
param name string
param location string

@description('The identity that may pull (AcrPull).')
param pullPrincipalId string

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
  }
}

// AcrPull
var acrPullRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dff-4718-4a6e-9f6c-3d0a0f7c6eb2')

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, pullPrincipalId, acrPullRole)
  properties: {
    roleDefinitionId: acrPullRole
    principalId: pullPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output loginServer string = registry.properties.loginServer
