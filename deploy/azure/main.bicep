// HelpdeskBot on Azure: Azure Container Apps (two replicas at least), PostgreSQL Flexible Server, Key Vault,
// Container Registry, a user-assigned managed identity, Log Analytics, and the Azure Bot with the Teams channel.
// Deploy twice: first without `image` (everything but the app and the bot), push the image, then with it.
// Steps: deploy/azure/README.md.
targetScope = 'resourceGroup'

@description('Azure region of everything but the bot (the bot resource is global).')
param location string = resourceGroup().location

@description('Short prefix for resource names (letters and digits).')
@minLength(3)
@maxLength(12)
param prefix string = 'helpdesk'

@description('The image to run, e.g. <registry>.azurecr.io/helpdeskbot:1. Empty: the app and the bot are not deployed yet (first pass).')
param image string = ''

@description('The bot\'s Entra app registration: application (client) id.')
param microsoftAppId string

@description('SingleTenant (new bots) or MultiTenant (an existing multi-tenant registration).')
@allowed([
  'SingleTenant'
  'MultiTenant'
])
param microsoftAppType string = 'SingleTenant'

@description('The app registration\'s tenant (required for SingleTenant).')
param microsoftAppTenantId string = tenant().tenantId

@description('The app registration\'s client secret. Stored in Key Vault only.')
@secure()
@minLength(1)
param microsoftAppPassword string

@description('Key for the REST API (at least 16 characters), with every role. Stored in Key Vault only.')
@secure()
@minLength(16)
param apiKey string

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'helpdeskadmin'

@description('PostgreSQL administrator password (8 to 128 characters, three of: upper case, lower case, digits, symbols). Stored in Key Vault only (inside the connection string).')
@secure()
@minLength(8)
@maxLength(128)
param postgresAdminPassword string

@description('Generated answers (optional): OpenAI, AzureOpenAI or OpenAICompatible endpoint; empty turns them off.')
param aiEndpoint string = ''

@description('Generated answers: provider (OpenAI, AzureOpenAI, OpenAICompatible).')
param aiProvider string = 'OpenAI'

@description('Generated answers: model or Azure OpenAI deployment name.')
param aiModel string = ''

@description('Generated answers: API key. Stored in Key Vault only; empty when there is none.')
@secure()
param aiApiKey string = ''

@description('Replicas of the app: at least two.')
@minValue(2)
param minReplicas int = 2

@minValue(2)
param maxReplicas int = 4

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams are free either way) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

var suffix = uniqueString(resourceGroup().id)
var names = {
  identity: '${prefix}-id'
  logs: '${prefix}-logs'
  registry: take('${prefix}acr${suffix}', 50)
  vault: take('${prefix}-kv-${suffix}', 24)
  postgres: '${prefix}-pg-${suffix}'
  environment: '${prefix}-env'
  app: '${prefix}-bot'
  bot: '${prefix}-bot-${suffix}'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.logs
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    name: names.registry
    location: location
    pullPrincipalId: identity.properties.principalId
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    name: names.postgres
    location: location
    adminLogin: postgresAdminLogin
    adminPassword: postgresAdminPassword
    databaseName: 'helpdesk'
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.vault
    location: location
    readerPrincipalId: identity.properties.principalId
    secretNames: [
      'microsoft-app-password'
      'api-key'
      'helpdesk-connection-string'
      'ai-api-key'
    ]
    secrets: {
      'microsoft-app-password': microsoftAppPassword
      'api-key': apiKey
      'helpdesk-connection-string': 'Host=${postgres.outputs.fqdn};Port=5432;Database=helpdesk;Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require'
      'ai-api-key': empty(aiApiKey) ? 'unused' : aiApiKey
    }
  }
}

module app 'modules/containerapp.bicep' = if (!empty(image)) {
  name: 'containerapp'
  params: {
    location: location
    environmentName: names.environment
    appName: names.app
    logAnalyticsWorkspaceName: logs.name
    image: image
    identityId: identity.id
    registryServer: registry.outputs.loginServer
    secretUris: vault.outputs.secretUris
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    settings: [
      {
        name: 'Database__Provider'
        value: 'PostgreSQL'
      }
      {
        name: 'MicrosoftAppId'
        value: microsoftAppId
      }
      {
        name: 'MicrosoftAppType'
        value: microsoftAppType
      }
      {
        name: 'MicrosoftAppTenantId'
        value: microsoftAppTenantId
      }
      {
        name: 'Api__Keys__0__Name'
        value: 'ops'
      }
      {
        name: 'Ai__Provider'
        value: aiProvider
      }
      {
        name: 'Ai__Endpoint'
        value: aiEndpoint
      }
      {
        name: 'Ai__Model'
        value: aiModel
      }
    ]
  }
}

module bot 'modules/bot.bicep' = if (!empty(image)) {
  name: 'bot'
  params: {
    name: names.bot
    sku: botSku
    // The app's address is known once it exists; the module above gives it.
    endpoint: 'https://${app!.outputs.fqdn}/api/messages'
    microsoftAppId: microsoftAppId
    microsoftAppType: microsoftAppType
    microsoftAppTenantId: microsoftAppTenantId
  }
}

output registryLoginServer string = registry.outputs.loginServer
output registryName string = names.registry
output keyVaultName string = names.vault
output postgresHost string = postgres.outputs.fqdn
output appFqdn string = empty(image) ? '' : app!.outputs.fqdn
output messagingEndpoint string = empty(image) ? '' : 'https://${app!.outputs.fqdn}/api/messages'
