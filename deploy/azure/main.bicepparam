// Example parameters for main.bicep. Secrets come from environment variables, never from this file:
//   export MICROSOFT_APP_PASSWORD=... HELPDESK_API_KEY=... POSTGRES_ADMIN_PASSWORD=... [AI_API_KEY=...]
// Then: az deployment group create -g <group> -f deploy/azure/main.bicep -p deploy/azure/main.bicepparam [-p image=...]
using 'main.bicep'

param prefix = 'helpdesk'

// The bot's app registration (Entra ID → App registrations → the bot's app → Overview).
param microsoftAppId = '00000000-0000-0000-0000-000000000000'
param microsoftAppType = 'SingleTenant'
param microsoftAppTenantId = '00000000-0000-0000-0000-000000000000'

// Empty on the first pass; then <registry>.azurecr.io/helpdeskbot:<tag>.
param image = ''

param minReplicas = 2
param maxReplicas = 4
param botSku = 'F0'

// Generated answers: off unless an endpoint is set (see bot/README.md, "Generated answers").
param aiProvider = 'OpenAI'
param aiEndpoint = ''
param aiModel = ''

param microsoftAppPassword = readEnvironmentVariable('MICROSOFT_APP_PASSWORD')
param apiKey = readEnvironmentVariable('HELPDESK_API_KEY')
param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')
param aiApiKey = readEnvironmentVariable('AI_API_KEY', '')
