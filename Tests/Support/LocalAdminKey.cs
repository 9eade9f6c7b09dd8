namespace CodeUpdates.Tests.Support;

/// <summary>Admin keys for a local host (CodeUpdates:AdminKey), invented for the tests.</summary>
public static class LocalAdminKey
{
    /// <summary>40 characters, as a generated key would be.</summary>
    public const string Valid = "k3y-for-tests-0123456789abcdefghijklmnop";

    /// <summary>One character short of the 32 a key needs.</summary>
    public const string TooShort = "k3y-for-tests-0123456789abcdefg";
}
