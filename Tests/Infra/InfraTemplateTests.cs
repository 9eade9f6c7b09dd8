using CodeUpdates.Ingestion.Access;
using CodeUpdates.Tests.Support;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace CodeUpdates.Tests.Infra;

/// <summary>
/// What `azd up` must create for CodeUpdates, checked on the ARM JSON that `bicep build` compiles
/// from infra/ (no Azure account needed): each test fails if the template loses its piece.
/// </summary>
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class InfraTemplateTests(CompiledInfra infra) : IClassFixture<CompiledInfra>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    private ArmTemplate Template => infra.Template;

    [Fact]
    public void Bicep_build_succeeds_without_any_diagnostic()
    {
        Assert.True(infra.Build.ExitCode == 0, infra.Build.Diagnostics);
        Assert.Equal(string.Empty, infra.Build.Diagnostics);
        Assert.NotEmpty(Template.Resources);
    }

    [Fact]
    public void Bicep_lint_reports_no_warning_or_error()
    {
        // bicepconfig.json raises the rules to errors; any output at all (a warning such as BCP081 for
        // an API version this CLI has no types for) fails here too.
        Assert.True(infra.Lint.ExitCode == 0, infra.Lint.Diagnostics);
        Assert.Equal(string.Empty, (infra.Lint.StandardOutput + infra.Lint.StandardError).Trim());
    }

    [Fact]
    public void Plan_is_flex_consumption()
    {
        var plan = Template.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan.Json["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan.Json["sku"]?["tier"]);
        Assert.Equal(true, (bool?)plan.Properties?["reserved"]);
    }

    [Fact]
    public void Function_app_is_linux_dotnet_isolated_10_deployed_from_blob_with_the_user_identity()
    {
        var app = Template.Single("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", (string?)app.Json["kind"]);
        Assert.Equal("UserAssigned", (string?)app.Json["identity"]?["type"]);

        var config = app.Properties?["functionAppConfig"];
        Assert.Equal("dotnet-isolated", (string?)config?["runtime"]?["name"]);
        Assert.Equal("10.0", (string?)config?["runtime"]?["version"]);

        var storage = config?["deployment"]?["storage"];
        Assert.Equal("blobContainer", (string?)storage?["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage?["authentication"]?["type"]);
        Assert.False(string.IsNullOrEmpty((string?)storage?["authentication"]?["userAssignedIdentityResourceId"]));
        Assert.NotNull(config?["scaleAndConcurrency"]?["maximumInstanceCount"]);
        Assert.NotNull(config?["scaleAndConcurrency"]?["instanceMemoryMB"]);

        Assert.False(string.IsNullOrEmpty((string?)app.Properties?["keyVaultReferenceIdentity"]),
            "Key Vault references must resolve with the user-assigned identity");
        Assert.Equal(true, (bool?)app.Properties?["httpsOnly"]);
    }

    [Fact]
    public void App_settings_use_identity_based_storage_entra_monitoring_and_a_key_vault_smtp_password()
    {
        var settings = Template.OfType("Microsoft.Web/sites/config")
            .Single(c => c.LeafNames().Contains("appsettings")).Properties!.AsObject();

        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        foreach (var name in new[]
        {
            "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri",
            "AzureWebJobsStorage__tableServiceUri", "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "Smtp__Host", "Smtp__Port", "Smtp__From", "Smtp__User", "Smtp__Password", "Smtp__Security", "PublicBaseUrl",
        })
        {
            Assert.True(settings.ContainsKey(name), $"app setting {name} missing");
        }

        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "no connection string: storage is identity-based");
        Assert.Contains("Authorization=AAD", (string?)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains("https://", (string?)settings["PublicBaseUrl"]); // the app's own URL: mailed reports link to its release pages
        Assert.Contains("defaultHostName", (string?)settings["PublicBaseUrl"]);

        // Smtp__Password is the Key Vault reference the vault module builds from the secret's URI.
        var vaultModule = Template.Single("Microsoft.KeyVault/vaults").Template;
        var reference = vaultModule["outputs"]!.AsObject().Select(o => (string?)o.Value?["value"]).ToList();
        Assert.Contains(reference, v => v is not null && v.Contains("@Microsoft.KeyVault(SecretUri=") && v.Contains("secretUri"));
    }

    [Fact]
    public void Storage_is_entra_only_tls12_with_the_containers_tables_and_queues_the_app_uses()
    {
        var account = Template.Single("Microsoft.Storage/storageAccounts");
        Assert.Equal(false, (bool?)account.Properties?["allowSharedKeyAccess"]);
        Assert.Equal("TLS1_2", (string?)account.Properties?["minimumTlsVersion"]);
        Assert.Equal(false, (bool?)account.Properties?["allowBlobPublicAccess"]);

        var containers = Names("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Superset(new HashSet<string> { "releases", "quarantine", "snapshots", "app-package" }, containers);
        Assert.Superset(new HashSet<string> { "releases", "versions", "subscribers", "sentmail" },
            Names("Microsoft.Storage/storageAccounts/tableServices/tables"));
        Assert.Superset(new HashSet<string> { "change-reports", "change-reports-poison" },
            Names("Microsoft.Storage/storageAccounts/queueServices/queues"));

        // The Flex Consumption package container is the one the app deploys from.
        var deployment = Template.Single("Microsoft.Web/sites").Properties?["functionAppConfig"]?["deployment"]?["storage"]?["value"];
        var fromMain = Template.Resources.Single(r => r.Name == "functionapp").Properties?["parameters"]?["deploymentContainerName"];
        Assert.Contains("deploymentContainerName", (string?)deployment);
        Assert.Contains("deploymentContainerName", fromMain?.ToJsonString());
    }

    [Fact]
    public void User_assigned_identity_gets_the_storage_monitoring_and_key_vault_roles()
    {
        Assert.NotEmpty(Template.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"));

        var assignments = Template.OfType("Microsoft.Authorization/roleAssignments");
        foreach (var (role, guid) in new[]
        {
            ("Storage Blob Data Owner", StorageBlobDataOwner),
            ("Storage Queue Data Contributor", StorageQueueDataContributor),
            ("Storage Table Data Contributor", StorageTableDataContributor),
            ("Monitoring Metrics Publisher", MonitoringMetricsPublisher),
            ("Key Vault Secrets User", KeyVaultSecretsUser),
        })
        {
            var granted = assignments.Where(a => ((string?)a.Properties?["roleDefinitionId"] ?? string.Empty).Contains(guid)).ToList();
            Assert.True(granted.Count == 1, $"{role} ({guid}) must be assigned once, found {granted.Count}");
            Assert.Equal("ServicePrincipal", (string?)granted[0].Properties?["principalType"]);
            Assert.Contains("identityPrincipalId", (string?)granted[0].Properties?["principalId"]);
        }

        // The admin who drops files: Storage Blob Data Contributor scoped to the releases container.
        // (The Event Grid topic's dead-letter writer has the same role, on another container.)
        var admin = assignments.Single(a => ((string?)a.Properties?["roleDefinitionId"] ?? string.Empty).Contains(StorageBlobDataContributor)
            && ((string?)a.Properties?["principalId"] ?? string.Empty).Contains("adminPrincipalId", StringComparison.Ordinal));
        Assert.Contains("'releases'", (string?)admin.Json["scope"]);
    }

    [Fact]
    public void Application_insights_has_local_auth_off_on_a_log_analytics_workspace()
    {
        Assert.NotEmpty(Template.OfType("Microsoft.OperationalInsights/workspaces"));
        var insights = Template.Single("Microsoft.Insights/components");
        Assert.Equal(true, (bool?)insights.Properties?["DisableLocalAuth"]);
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string?)insights.Properties?["WorkspaceResourceId"]);
    }

    [Fact]
    public void Event_grid_sends_blob_created_under_releases_to_the_ingest_release_webhook()
    {
        var topic = Template.Single("Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic.Properties?["topicType"]);
        Assert.Contains("Microsoft.Storage/storageAccounts", (string?)topic.Properties?["source"]);

        var subscription = Template.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var filter = subscription.Properties?["filter"];
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter?["includedEventTypes"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("/blobServices/default/containers/releases/", (string?)filter?["subjectBeginsWith"]);

        var destination = subscription.Properties?["destination"];
        Assert.Equal("WebHook", (string?)destination?["endpointType"]);
        var url = (string?)destination?["properties"]?["endpointUrl"] ?? string.Empty;
        Assert.Contains("/runtime/webhooks/blobs?", url);
        Assert.Contains("functionName=Host.Functions.IngestRelease", url);
        Assert.Contains("code={", url);
        Assert.Contains("parameters('blobExtensionKey')", url);

        // Undeliverable events are retried for a day, then dead-lettered by the topic's own identity, never dropped.
        Assert.True((int?)subscription.Properties?["retryPolicy"]?["maxDeliveryAttempts"] >= 10);
        Assert.Equal(1440, (int?)subscription.Properties?["retryPolicy"]?["eventTimeToLiveInMinutes"]);
        var deadLetter = subscription.Properties?["deadLetterWithResourceIdentity"];
        Assert.Equal("SystemAssigned", (string?)deadLetter?["identity"]?["type"]);
        Assert.Equal("StorageBlob", (string?)deadLetter?["deadLetterDestination"]?["endpointType"]);
        Assert.Contains("Microsoft.Storage/storageAccounts", (string?)deadLetter?["deadLetterDestination"]?["properties"]?["resourceId"]);
        Assert.Contains("deadLetterContainerName", (string?)deadLetter?["deadLetterDestination"]?["properties"]?["blobContainerName"]);
        Assert.Equal("event-deadletter", (string?)Template.Root["variables"]?["eventDeadLetterContainerName"]);
        Assert.Contains(Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => c.Name.Contains("eventDeadLetterContainerName", StringComparison.Ordinal));
        Assert.Equal("SystemAssigned", (string?)topic.Json["identity"]?["type"]);
        Assert.Contains(
            Template.OfType("Microsoft.Authorization/roleAssignments"),
            a => ((string?)a.Properties?["roleDefinitionId"])?.Contains(StorageBlobDataContributor, StringComparison.Ordinal) == true
                && ((string?)a.Properties?["principalId"])?.Contains("Microsoft.EventGrid/systemTopics", StringComparison.Ordinal) == true);

        // Created only once the key is known: the first provision (empty key) skips it.
        var module = Template.Resources.Single(r => r.Name == "release-events-subscription");
        Assert.Contains("blobExtensionKey", (string?)module.Json["condition"]);
    }

    [Fact]
    public void Entra_id_sign_in_stands_in_front_of_everything_but_the_blob_extension_webhook()
    {
        var auth = Template.OfType("Microsoft.Web/sites/config").Single(c => c.LeafNames().Contains("authsettingsV2"));
        var properties = auth.Properties!;
        Assert.Equal(true, (bool?)properties["platform"]?["enabled"]);

        var validation = properties["globalValidation"];
        Assert.Equal(true, (bool?)validation?["requireAuthentication"]);
        Assert.Equal("RedirectToLoginPage", (string?)validation?["unauthenticatedClientAction"]);
        Assert.Equal("azureactivedirectory", (string?)validation?["redirectToProvider"]);
        Assert.Equal(["/runtime/webhooks/blobs"], validation?["excludedPaths"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(true, (bool?)properties["login"]?["tokenStore"]?["enabled"]);

        var entra = properties["identityProviders"]?["azureActiveDirectory"];
        Assert.Equal(true, (bool?)entra?["enabled"]);
        Assert.Equal("[parameters('clientId')]", (string?)entra?["registration"]?["clientId"]);
        Assert.Contains("environment().authentication.loginEndpoint", (string?)entra?["registration"]?["openIdIssuer"]);
        Assert.Contains("/v2.0", (string?)entra?["registration"]?["openIdIssuer"]);
        Assert.Contains(entra!["validation"]!["allowedAudiences"]!.AsArray(), a => ((string?)a)!.Contains("api://", StringComparison.Ordinal));

        // The excluded path is the one Event Grid delivers to, and the module gets the registration from azd.
        var eventGrid = (string?)Template.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions")
            .Properties?["destination"]?["properties"]?["endpointUrl"];
        Assert.Contains((string?)validation?["excludedPaths"]![0] + "?", eventGrid);
        var module = Template.Resources.Single(r => r.Name == "authentication");
        Assert.Equal("[parameters('authClientId')]", (string?)module.Properties?["parameters"]?["clientId"]?["value"]);
        Assert.Equal("string", (string?)Template.Root["parameters"]?["authClientId"]?["type"]);
        Assert.Null(Template.Root["parameters"]?["authClientId"]?["defaultValue"]);
    }

    [Fact]
    public void The_app_trusts_the_platform_principal_only_because_infra_puts_sign_in_in_front()
    {
        var settings = Template.OfType("Microsoft.Web/sites/config")
            .Single(c => c.LeafNames().Contains("appsettings")).Properties!.AsObject();

        // CodeUpdates__Auth__Mode is the app setting form of AccessPolicy.ModeSetting.
        Assert.Equal(nameof(AccessMode.Platform), (string?)settings[AccessPolicy.ModeSetting.Replace(":", "__", StringComparison.Ordinal)]);
    }

    [Fact]
    public void The_app_registration_defines_the_reader_and_admin_roles_the_code_checks()
    {
        var roles = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "hooks", "app-roles.json")))!.AsArray()
            .ToDictionary(r => (string)r!["value"]!, r => r!.AsObject());

        Assert.Equal(new HashSet<string> { AppRoles.Reader, AppRoles.Admin }, roles.Keys.ToHashSet());
        Assert.Equal(["User", "Application"], roles[AppRoles.Reader]["allowedMemberTypes"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["User"], roles[AppRoles.Admin]["allowedMemberTypes"]!.AsArray().Select(n => (string?)n));
        Assert.All(roles.Values, r => Assert.True(Guid.TryParse((string?)r["id"], out _)));
        Assert.NotEqual((string?)roles[AppRoles.Reader]["id"], (string?)roles[AppRoles.Admin]["id"]);

        // Both preprovision hooks grant the first admin by that role's id and create the roles from that file.
        foreach (var hook in new[] { "preprovision.sh", "preprovision.ps1" })
        {
            var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "hooks", hook));
            Assert.Contains("app-roles.json", script);
            Assert.Contains("appRoleAssignmentRequired=true", script);
            Assert.Equal((string?)roles[AppRoles.Admin]["id"], Regex.Match(script, @"admin_?[Rr]ole\s*=\s*'?(?<id>[0-9a-f-]{36})").Groups["id"].Value);
        }
    }

    [Fact]
    public void Key_vault_uses_rbac_and_holds_the_smtp_password_from_a_secure_parameter()
    {
        var vault = Template.Single("Microsoft.KeyVault/vaults");
        Assert.Equal(true, (bool?)vault.Properties?["enableRbacAuthorization"]);

        var secret = Template.Single("Microsoft.KeyVault/vaults/secrets");
        Assert.Equal(["smtp-password"], secret.LeafNames());
        Assert.Equal("securestring", (string?)Template.Root["parameters"]?["smtpPassword"]?["type"]);
        Assert.Equal("securestring", (string?)Template.Root["parameters"]?["blobExtensionKey"]?["type"]);
    }

    [Fact]
    public void Parameters_file_matches_the_template()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.parameters.json")))!;
        var given = file["parameters"]!.AsObject().Select(p => p.Key).ToHashSet();
        var declared = Template.Root["parameters"]!.AsObject();

        Assert.Subset(declared.Select(p => p.Key).ToHashSet(), given);
        var required = declared.Where(p => p.Value?["defaultValue"] is null).Select(p => p.Key);
        Assert.Subset(given, required.ToHashSet());
    }

    [Fact]
    public void Azd_project_points_at_the_functions_project_and_the_hooks()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "azure.yaml"));
        Assert.Contains("project: ./Functions", yaml);
        Assert.Contains("host: function", yaml);
        Assert.Contains("postdeploy:", yaml);
        Assert.Contains("preprovision:", yaml);
        Assert.Contains("postprovision:", yaml);
        foreach (var hook in new[]
        {
            "infra/hooks/postdeploy.sh", "infra/hooks/postdeploy.ps1", "infra/hooks/preprovision.sh", "infra/hooks/preprovision.ps1",
            "infra/hooks/postprovision.sh", "infra/hooks/postprovision.ps1",
        })
        {
            Assert.Contains("./" + hook, yaml);
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, hook)), hook + " missing");
        }

        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "Functions", "Functions.csproj")));
    }

    private HashSet<string> Names(string type) => Template.OfType(type).SelectMany(r => r.LeafNames()).ToHashSet();
}
