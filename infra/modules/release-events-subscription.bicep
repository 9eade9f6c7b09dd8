// BlobCreated under releases/ delivered to the blob extension's webhook. Event Grid validates the
// endpoint when the subscription is created, so this can only be deployed once the code runs and
// its blobs_extension system key exists: main.bicep deploys it when blobExtensionKey is set, and
// infra/hooks/postdeploy.sh deploys this file on its own right after `azd deploy`.
param systemTopicName string
param functionAppHostName string
param storageAccountName string
param deadLetterContainerName string = 'event-deadletter'

@secure()
param blobExtensionKey string

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource releaseCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: 'ingest-release'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        // The URL carries the secure key; the linter cannot see that an interpolation of a secure
        // parameter is secure, and ARM never returns endpointUrl (Event Grid shows only its base).
        #disable-next-line use-secure-value-for-secure-inputs
        endpointUrl: 'https://${functionAppHostName}/runtime/webhooks/blobs?functionName=Host.Functions.IngestRelease&code=${blobExtensionKey}'
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      // Only drops: moving a rejected file to quarantine or writing a snapshot must not re-trigger.
      subjectBeginsWith: '/blobServices/default/containers/releases/'
    }
    eventDeliverySchema: 'EventGridSchema'
    // Retried for a day (the app may be deploying or scaled to zero), then dead-lettered, never dropped.
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}
