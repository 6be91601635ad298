// The Container Apps environment and the bot's app: external HTTPS ingress on the image's port 8080, at least two
// replicas, secrets read from Key Vault by the user-assigned identity, health probes on /health/live and /health/ready,
// and each replica's own Lucene index folder on its ephemeral storage (rebuilt from the database at start).
param location string
param environmentName string
param appName string
param logAnalyticsWorkspaceName string
param image string

@description('Resource id of the user-assigned identity (registry pull and Key Vault reads).')
param identityId string

param registryServer string

@description('Key Vault secret URIs: microsoft-app-password, api-key, helpdesk-connection-string, ai-api-key.')
param secretUris object

param minReplicas int
param maxReplicas int

@description('Plain settings, as environment variables: [{name: \'Section__Key\', value: \'...\'}].')
param settings array

param cpu string = '1.0'
param memory string = '2Gi'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

// The app's public address, <app>.<environment's default domain>: known before the app exists, so the article
// links (Knowledge:PublicBaseUrl) can name it.
var fqdn = '${appName}.${environment.properties.defaultDomain}'

var secretEnv = [
  {
    name: 'MicrosoftAppPassword'
    secretRef: 'microsoft-app-password'
  }
  {
    name: 'ConnectionStrings__Helpdesk'
    secretRef: 'helpdesk-connection-string'
  }
  {
    name: 'Api__Keys__0__Key'
    secretRef: 'api-key'
  }
  {
    name: 'Ai__ApiKey'
    secretRef: 'ai-api-key'
  }
]

var roleEnv = [for (role, i) in [
  'tickets-agent'
  'people-admin'
  'kb-author'
  'outages'
  'services-admin'
  'alerts'
]: {
  name: 'Api__Keys__0__Roles__${i}'
  value: role
}]

var knowledgeEnv = [
  {
    name: 'Knowledge__IndexPath'
    value: '/data/kb-index'
  }
  {
    name: 'Knowledge__PublicBaseUrl'
    value: 'https://${fqdn}'
  }
]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
      secrets: [for item in items(secretUris): {
        name: item.key
        keyVaultUrl: item.value
        identity: identityId
      }]
    }
    template: {
      containers: [
        {
          name: 'helpdeskbot'
          image: image
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          env: concat(settings, knowledgeEnv, roleEnv, secretEnv)
          volumeMounts: [
            {
              volumeName: 'data'
              mountPath: '/data'
            }
          ]
          probes: [
            {
              // The first start migrates the database and embeds the articles: up to 5 minutes.
              type: 'Startup'
              httpGet: {
                path: '/health/live'
                port: 8080
              }
              periodSeconds: 10
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/health/live'
                port: 8080
              }
              periodSeconds: 30
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: 8080
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      volumes: [
        {
          name: 'data'
          storageType: 'EmptyDir'
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn
