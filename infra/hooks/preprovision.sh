#!/bin/sh
# azd preprovision hook: the Microsoft Entra ID app registration that signs people and apps in to
# CodeUpdates (App Service Authentication, infra/modules/authentication.bicep).
#
# - AUTH_CLIENT_ID already set (an admin made the registration, or an earlier run did): nothing to
#   create; the template uses it.
# - Otherwise the signed-in user creates "CodeUpdates (<environment>)" with the app roles in
#   app-roles.json, the app id URI api://<client id>, ID tokens for browser sign-in, a service
#   principal that admits only users and apps holding a role, and takes CodeUpdates.Admin.
#   That needs the right to register applications (the tenant default for members, or the
#   Application Developer role); without it the hook stops and says what an admin must do.
# Run it again by hand with: azd hooks run preprovision
set -eu

: "${AZURE_ENV_NAME:?not set: run inside azd (azd provision / azd up)}"

if [ -n "${AUTH_CLIENT_ID:-}" ]; then
  echo "preprovision: sign-in uses the app registration $AUTH_CLIENT_ID"
  exit 0
fi

command -v az >/dev/null 2>&1 || { echo "preprovision: the Azure CLI (az) is required" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
name="CodeUpdates ($AZURE_ENV_NAME)"
admin_role=84bfa1ae-2268-4910-b625-d6879623c9eb
tenant=$(az account show --query tenantId --output tsv)
graph=$(az cloud show --query endpoints.microsoftGraphResourceId --output tsv)

# An earlier run may have created it before the environment lost AUTH_CLIENT_ID: reuse it.
app_id=$(az ad app list --display-name "$name" --query "[0].appId" --output tsv)
if [ -z "$app_id" ]; then
  if ! app_id=$(az ad app create --display-name "$name" --sign-in-audience AzureADMyOrg \
      --enable-id-token-issuance true --app-roles "@$here/app-roles.json" --query appId --output tsv); then
    cat >&2 <<EOF
preprovision: you may not register applications in tenant $tenant.
Ask an admin to create the registration as described in README.md ("Sign-in"), then run:
  azd env set AUTH_CLIENT_ID <application (client) id>
  azd up
EOF
    exit 1
  fi
  echo "preprovision: created the app registration '$name' ($app_id)"
fi

az ad app update --id "$app_id" --identifier-uris "api://$app_id"

# The enterprise application: only users, groups and apps assigned a role may get a token for it.
sp_id=$(az ad sp show --id "$app_id" --query id --output tsv 2>/dev/null || true)
if [ -z "$sp_id" ]; then
  sp_id=$(az ad sp create --id "$app_id" --query id --output tsv)
fi
az ad sp update --id "$app_id" --set appRoleAssignmentRequired=true

# Whoever runs azd up the first time becomes the first CodeUpdates admin (a service principal
# running azd in a pipeline has no signed-in user: it grants nobody).
user_id=$(az ad signed-in-user show --query id --output tsv 2>/dev/null || true)
if [ -n "$user_id" ]; then
  held=$(az rest --method GET --uri "${graph}v1.0/users/$user_id/appRoleAssignments" \
    --query "length(value[?resourceId=='$sp_id' && appRoleId=='$admin_role'])" --output tsv)
  if [ "$held" = "0" ]; then
    az rest --method POST --uri "${graph}v1.0/servicePrincipals/$sp_id/appRoleAssignedTo" \
      --headers "Content-Type=application/json" \
      --body "{\"principalId\":\"$user_id\",\"resourceId\":\"$sp_id\",\"appRoleId\":\"$admin_role\"}" --output none
    echo "preprovision: you hold CodeUpdates.Admin"
  fi
fi

azd env set AUTH_CLIENT_ID "$app_id"
azd env set AUTH_TENANT_ID "$tenant"
