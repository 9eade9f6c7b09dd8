using CodeUpdates.Ingestion.Access;

namespace CodeUpdates.Functions.Access;

/// <summary>
/// What an HTTP function (or every function of a class) asks of its caller, where its HTTP methods do
/// not say it: a POST that only reads, a GET that only an admin may make, the who-am-I route.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = false)]
public sealed class RequiresAttribute(Clearance clearance) : Attribute
{
    public Clearance Clearance => clearance;
}
