using CodeUpdates.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CodeUpdates.Tests.WebApp;

/// <summary><c>GET /api/codes/{system}</c> from <c>serve</c> over the real CMS 2018 and 2019 HCPCS releases.</summary>
[Collection(WebAppCollection.Name)]
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class SearchApiTests(WebAppFixture web)
{
    [Fact]
    public async Task A_word_search_answers_the_first_50_matches_as_lookup_answers_with_the_total()
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };

        var page = await http.GetFromJsonAsync<JsonElement>("/api/codes/hcpcs?q=wheelchair&date=2019-06-01");

        var items = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(50, items.Length);
        Assert.True(page.GetProperty("total").GetInt32() > 50);
        Assert.Equal("valid", page.GetProperty("status").GetString());
        Assert.Equal("2019-06-01", page.GetProperty("date").GetString());
        Assert.Equal(items.Select(i => i.GetProperty("code").GetString()).Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("code").GetString()));

        // Each item is exactly what the lookup of that code on that date answers.
        var first = items[0];
        var lookup = await http.GetStringAsync($"/api/codes/hcpcs/{first.GetProperty("code").GetString()}?date=2019-06-01");
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(lookup).RootElement), JsonSerializer.Serialize(first));
        Assert.All(items, i => Assert.True(i.GetProperty("valid").GetBoolean()));
    }

    [Fact]
    public async Task Pages_follow_one_another_and_any_status_adds_the_codes_not_valid_on_the_date()
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };

        var all = await http.GetFromJsonAsync<JsonElement>("/api/codes/hcpcs?q=wheelchair&date=2019-06-01&count=1000");
        var second = await http.GetFromJsonAsync<JsonElement>("/api/codes/hcpcs?q=wheelchair&date=2019-06-01&offset=50&count=10");
        // The 2019 release ended C8904-C8906 (breast MRI, now CPT 77046-77049): valid no more, found with any status.
        var valid = await http.GetFromJsonAsync<JsonElement>("/api/codes/hcpcs?q=magnetic resonance breast&date=2019-06-01&count=1000");
        var any = await http.GetFromJsonAsync<JsonElement>("/api/codes/hcpcs?q=magnetic resonance breast&date=2019-06-01&status=any&count=1000");

        Assert.Equal(
            all.GetProperty("items").EnumerateArray().Skip(50).Take(10).Select(i => i.GetProperty("code").GetString()),
            second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.True(any.GetProperty("total").GetInt32() > valid.GetProperty("total").GetInt32());
        Assert.Contains(any.GetProperty("items").EnumerateArray(), i => i.GetProperty("code").GetString() == "C8904" && !i.GetProperty("valid").GetBoolean());
        Assert.DoesNotContain(valid.GetProperty("items").EnumerateArray(), i => !i.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task The_exact_code_comes_first()
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };

        var page = await http.GetFromJsonAsync<JsonElement>("/api/codes/hcpcs?q=c8904&date=2019-03-01&status=any");

        var first = page.GetProperty("items")[0];
        Assert.Equal("C8904", first.GetProperty("code").GetString());
        Assert.Equal("terminated", first.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/codes/icd10?q=x", "system 'icd10'")]
    [InlineData("/api/codes/hcpcs?q=x&date=2019-13-01", "date '2019-13-01'")]
    [InlineData("/api/codes/hcpcs?q=x&status=expired", "status 'expired'")]
    [InlineData("/api/codes/hcpcs?q=x&offset=-1", "offset '-1'")]
    [InlineData("/api/codes/hcpcs?q=x&count=1001", "count '1001'")]
    [InlineData("/api/codes/hcpcs?q=x&count=ten", "count 'ten'")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string url, string named)
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };

        var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(named, problem.GetProperty("detail").GetString());
    }
}
