# azd preprovision hook (Windows): the same steps as preprovision.sh; see the comments there.
$ErrorActionPreference = 'Stop'

if (-not $env:AZURE_ENV_NAME) { throw 'preprovision: AZURE_ENV_NAME is not set: run inside azd (azd provision / azd up)' }
if ($env:AUTH_CLIENT_ID) {
    Write-Host "preprovision: sign-in uses the app registration $($env:AUTH_CLIENT_ID)"
    exit 0
}

$name = "CodeUpdates ($($env:AZURE_ENV_NAME))"
$adminRole = '84bfa1ae-2268-4910-b625-d6879623c9eb'
$tenant = az account show --query tenantId --output tsv
$graph = az cloud show --query endpoints.microsoftGraphResourceId --output tsv

$appId = az ad app list --display-name $name --query '[0].appId' --output tsv
if (-not $appId) {
    $appId = az ad app create --display-name $name --sign-in-audience AzureADMyOrg `
        --enable-id-token-issuance true --app-roles "@$(Join-Path $PSScriptRoot 'app-roles.json')" --query appId --output tsv
    if ($LASTEXITCODE -ne 0 -or -not $appId) {
        throw "preprovision: you may not register applications in tenant $tenant. Ask an admin to create the registration as described in README.md (`"Sign-in`"), then run: azd env set AUTH_CLIENT_ID <application (client) id>; azd up"
    }
    Write-Host "preprovision: created the app registration '$name' ($appId)"
}

az ad app update --id $appId --identifier-uris "api://$appId"
if ($LASTEXITCODE -ne 0) { throw 'preprovision: setting the app id URI failed' }

$spId = az ad sp show --id $appId --query id --output tsv 2>$null
if (-not $spId) { $spId = az ad sp create --id $appId --query id --output tsv }
az ad sp update --id $appId --set appRoleAssignmentRequired=true
if ($LASTEXITCODE -ne 0) { throw 'preprovision: requiring role assignment on the service principal failed' }

$userId = az ad signed-in-user show --query id --output tsv 2>$null
if ($userId) {
    $held = az rest --method GET --uri "${graph}v1.0/users/$userId/appRoleAssignments" `
        --query "length(value[?resourceId=='$spId' && appRoleId=='$adminRole'])" --output tsv
    if ($held -eq '0') {
        $body = @{ principalId = $userId; resourceId = $spId; appRoleId = $adminRole } | ConvertTo-Json -Compress
        $file = New-TemporaryFile
        try {
            Set-Content -Path $file -Value $body -Encoding utf8
            az rest --method POST --uri "${graph}v1.0/servicePrincipals/$spId/appRoleAssignedTo" `
                --headers 'Content-Type=application/json' --body "@$file" --output none
            if ($LASTEXITCODE -ne 0) { throw 'preprovision: granting you CodeUpdates.Admin failed' }
        }
        finally {
            Remove-Item $file -ErrorAction SilentlyContinue
        }
        Write-Host 'preprovision: you hold CodeUpdates.Admin'
    }
}

azd env set AUTH_CLIENT_ID $appId
azd env set AUTH_TENANT_ID $tenant
