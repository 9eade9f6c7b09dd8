using System.Text;
using System.Text.RegularExpressions;
using CodeUpdates.Functions.WebApp;

namespace CodeUpdates.Tests.WebApp;

/// <summary>The shipped web app files, read as the hosts serve them from the Functions assembly.</summary>
public sealed partial class WebAssetsTests
{
    [Fact]
    public void Every_file_the_shell_and_the_modules_load_is_shipped()
    {
        var shell = Text(WebAssets.Shell);
        var modules = WebAssets.Paths.Where(p => p.EndsWith(".js", StringComparison.Ordinal)).ToArray();
        var referenced = AssetReference().Matches(shell).Select(m => m.Groups["path"].Value).ToList();
        foreach (var module in modules)
        {
            var folder = Path.GetDirectoryName(module)!;
            referenced.AddRange(ImportReference().Matches(Text(WebAssets.Asset(module["assets/".Length..])!))
                .Select(m => Path.GetRelativePath("assets", Path.GetFullPath(Path.Combine("/", folder, m.Groups["path"].Value))[1..])));
        }

        Assert.Contains("app.js", referenced);
        Assert.Contains("pages/code.js", referenced);
        Assert.All(referenced, path => Assert.NotNull(WebAssets.Asset(path)));
        Assert.Equal(modules.Length, referenced.Where(p => p.EndsWith(".js", StringComparison.Ordinal)).Distinct().Count());
    }

    [Fact]
    public void No_page_needs_inline_script_or_style_and_no_module_parses_text_as_html()
    {
        var shell = Text(WebAssets.Shell);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", shell);
        Assert.DoesNotMatch(@"<style|\sstyle=|\son[a-z]+=", shell);
        foreach (var module in WebAssets.Paths.Where(p => p.EndsWith(".js", StringComparison.Ordinal)))
        {
            var code = Text(WebAssets.Asset(module["assets/".Length..])!);
            Assert.DoesNotMatch(@"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function", code);
        }

        Assert.Contains("script-src 'self'", WebAssetResult.ContentSecurityPolicy);
        Assert.DoesNotContain("unsafe", WebAssetResult.ContentSecurityPolicy);
    }

    [Theory]
    [InlineData("app.js", "text/javascript; charset=utf-8")]
    [InlineData("pages/releases.js", "text/javascript; charset=utf-8")]
    [InlineData("app.css", "text/css; charset=utf-8")]
    [InlineData("icon.svg", "image/svg+xml")]
    public void Assets_carry_their_content_type(string path, string contentType) =>
        Assert.Equal(contentType, WebAssets.Asset(path)?.ContentType);

    [Theory]
    [InlineData("../index.html")]
    [InlineData("missing.js")]
    [InlineData(null)]
    public void Only_shipped_assets_are_found(string? path) => Assert.Null(WebAssets.Asset(path));

    private static string Text(WebAsset asset) => Encoding.UTF8.GetString(asset.Content);

    [GeneratedRegex("(?:src|href)=\"/assets/(?<path>[^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""from '(?<path>\.{1,2}/[^']+)'""")]
    private static partial Regex ImportReference();
}
