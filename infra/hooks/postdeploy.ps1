# azd postdeploy hook (Windows): the same steps as postdeploy.sh; see the comments there.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_FUNCTION_APP_URL', 'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { throw "postdeploy: $name is not set: run azd provision first" }
}

$key = ''
for ($attempt = 1; $attempt -le 20 -and -not $key; $attempt++) {
    $key = az functionapp keys list --resource-group $env:AZURE_RESOURCE_GROUP --name $env:AZURE_FUNCTION_APP_NAME `
        --query 'systemKeys.blobs_extension' --output tsv 2>$null
    if (-not $key) { Write-Host "postdeploy: waiting for the blobs_extension key ($attempt/20)"; Start-Sleep -Seconds 15 }
}
if (-not $key) { throw "postdeploy: no blobs_extension key on $($env:AZURE_FUNCTION_APP_NAME); check that IngestRelease was deployed, then run: azd hooks run postdeploy" }

$params = New-TemporaryFile
try {
    @{
        '$schema'      = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#'
        contentVersion = '1.0.0.0'
        parameters     = @{
            systemTopicName     = @{ value = $env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME }
            functionAppHostName = @{ value = $env:AZURE_FUNCTION_APP_URL -replace '^https://', '' }
            storageAccountName  = @{ value = $env:AZURE_STORAGE_ACCOUNT_NAME }
            blobExtensionKey    = @{ value = $key }
        }
    } | ConvertTo-Json -Depth 5 | Set-Content -Path $params -Encoding utf8

    az deployment group create --resource-group $env:AZURE_RESOURCE_GROUP --name release-events-subscription `
        --template-file (Join-Path $PSScriptRoot '../modules/release-events-subscription.bicep') --parameters "@$params" --output none
    if ($LASTEXITCODE -ne 0) { throw 'postdeploy: the Event Grid subscription deployment failed' }
}
finally {
    Remove-Item $params -ErrorAction SilentlyContinue
}

azd env set BLOB_EXTENSION_KEY $key
Write-Host "postdeploy: BlobCreated under releases/ now triggers IngestRelease on $($env:AZURE_FUNCTION_APP_NAME)"
