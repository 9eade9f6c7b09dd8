#!/bin/sh
# azd postprovision hook: the app registration must name the function app's sign-in callback as a
# redirect URI, and the app's host name is known only once provision has created it.
# Run it again by hand with: azd hooks run postprovision
set -eu

: "${AUTH_CLIENT_ID:?not set: run azd provision first}"
: "${AZURE_FUNCTION_APP_URL:?not set: run azd provision first}"

command -v az >/dev/null 2>&1 || { echo "postprovision: the Azure CLI (az) is required" >&2; exit 1; }

callback="$AZURE_FUNCTION_APP_URL/.auth/login/aad/callback"
# One URI a line; the update replaces the list, so the ones already there are passed again.
current=$(az ad app show --id "$AUTH_CLIENT_ID" --query "web.redirectUris" --output tsv)
if printf '%s\n' "$current" | grep -qxF "$callback"; then
  exit 0
fi

# shellcheck disable=SC2086 # one argument per URI; redirect URIs hold no spaces
if ! az ad app update --id "$AUTH_CLIENT_ID" --web-redirect-uris $current "$callback"; then
  cat >&2 <<MSG
postprovision: you may not change the app registration $AUTH_CLIENT_ID. Until an owner of it runs
  az ad app update --id $AUTH_CLIENT_ID --web-redirect-uris $current $callback
browsers cannot sign in (apps with tokens can).
MSG
  exit 1
fi
echo "postprovision: browsers sign in through $callback"
