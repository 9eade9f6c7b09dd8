namespace CodeUpdates.Functions.WebApp;

/// <summary>One file of the web app as it ships inside this assembly.</summary>
/// <param name="Path">The path under <c>/assets/</c>, or <c>index.html</c> for the page shell.</param>
public sealed record WebAsset(string Path, byte[] Content, string ContentType, string ETag);
