#!/bin/sh
# azd postdeploy hook: subscribe the IngestRelease blob trigger to BlobCreated events under releases/.
# Event Grid validates a webhook when the subscription is created, and the blob extension's
# blobs_extension system key only exists once the deployed code has started, so this cannot be
# part of the first provision. It reads the key, deploys the subscription on its own, and records
# the key in the azd environment so that every later `azd provision` keeps the subscription.
# Run it again by hand with: azd hooks run postdeploy
set -eu

: "${AZURE_RESOURCE_GROUP:?not set: run azd provision first}"
: "${AZURE_FUNCTION_APP_NAME:?not set: run azd provision first}"
: "${AZURE_FUNCTION_APP_URL:?not set: run azd provision first}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?not set: run azd provision first}"
: "${AZURE_STORAGE_ACCOUNT_NAME:?not set: run azd provision first}"

command -v az >/dev/null 2>&1 || { echo "postdeploy: the Azure CLI (az) is required" >&2; exit 1; }

# The host creates the key when it first loads the blob extension after the deploy: wait for it.
key=""
attempt=1
while [ "$attempt" -le 20 ]; do
  key=$(az functionapp keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --query "systemKeys.blobs_extension" --output tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "postdeploy: waiting for the blobs_extension key ($attempt/20)"
  attempt=$((attempt + 1))
  sleep 15
done
if [ -z "$key" ]; then
  echo "postdeploy: no blobs_extension key on $AZURE_FUNCTION_APP_NAME; check that IngestRelease was deployed, then run: azd hooks run postdeploy" >&2
  exit 1
fi

# The key goes in a private parameters file, not on a command line other processes can read.
here=$(cd "$(dirname "$0")" && pwd)
params=$(mktemp)
trap 'rm -f "$params"' EXIT
chmod 600 "$params"
cat > "$params" <<JSON
{
  "\$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "systemTopicName": { "value": "$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" },
    "functionAppHostName": { "value": "${AZURE_FUNCTION_APP_URL#https://}" },
    "storageAccountName": { "value": "$AZURE_STORAGE_ACCOUNT_NAME" },
    "blobExtensionKey": { "value": "$key" }
  }
}
JSON

az deployment group create --resource-group "$AZURE_RESOURCE_GROUP" --name release-events-subscription \
  --template-file "$here/../modules/release-events-subscription.bicep" --parameters "@$params" --output none

azd env set BLOB_EXTENSION_KEY "$key"
echo "postdeploy: BlobCreated under releases/ now triggers IngestRelease on $AZURE_FUNCTION_APP_NAME"
