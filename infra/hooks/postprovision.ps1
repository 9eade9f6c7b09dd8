# azd postprovision hook (Windows): the same step as postprovision.sh; see the comments there.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AUTH_CLIENT_ID', 'AZURE_FUNCTION_APP_URL') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { throw "postprovision: $name is not set: run azd provision first" }
}

$callback = "$($env:AZURE_FUNCTION_APP_URL)/.auth/login/aad/callback"
$current = @(az ad app show --id $env:AUTH_CLIENT_ID --query 'web.redirectUris' --output tsv | Where-Object { $_ })
if ($current -contains $callback) { exit 0 }

az ad app update --id $env:AUTH_CLIENT_ID --web-redirect-uris @($current + $callback)
if ($LASTEXITCODE -ne 0) {
    throw "postprovision: you may not change the app registration $($env:AUTH_CLIENT_ID). Until an owner of it adds the redirect URI $callback (az ad app update --id $($env:AUTH_CLIENT_ID) --web-redirect-uris $($current -join ' ') $callback), browsers cannot sign in (apps with tokens can)."
}
Write-Host "postprovision: browsers sign in through $callback"
