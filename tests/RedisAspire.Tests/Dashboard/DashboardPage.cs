using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace RedisAspire.Tests.Dashboard;

/// <summary>
/// The Aspire dashboard in Debian's chromium, driven through Playwright the way a person uses it: the pages' own rows,
/// cells and details panel. Screenshots go under the test output folder and their paths to the test's output.
/// </summary>
public sealed partial class DashboardPage : IAsyncDisposable
{
    private static readonly string[] ChromiumArguments =
        ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly ITestOutputHelper _output;
    private readonly string _screenshots;

    private DashboardPage(IPlaywright playwright, IBrowser browser, IPage page, ITestOutputHelper output, string screenshots)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        _output = output;
        _screenshots = screenshots;
    }

    public IPage Page { get; }

    /// <summary>Opens <paramref name="loginUrl"/> (the URL with the token the AppHost prints), which signs in and shows Resources.</summary>
    public static async Task<DashboardPage> LogInAsync(Uri loginUrl, string screenshots, ITestOutputHelper output)
    {
        // The dashboard updates as resources change; every expectation waits up to a minute on a loaded machine.
        SetDefaultExpectTimeout(60_000);
        var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.ChromiumPath, Headless = true, Args = ChromiumArguments });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
            page.SetDefaultTimeout(60_000);
            await page.GotoAsync(loginUrl.ToString());
            await Expect(page.Locator("tr.resource-row").First).ToBeVisibleAsync();
            return new DashboardPage(playwright, browser, page, output, screenshots);
        }
        catch
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            playwright.Dispose();
            throw;
        }
    }

    /// <summary>The Resources page's row of <paramref name="resource"/> (its name cell reads "Type: name").</summary>
    public ILocator ResourceRow(string resource) =>
        Page.Locator("tr.resource-row").Filter(new() { Has = Page.Locator($"td[col-index='1'][aria-label$=': {resource}']") });

    /// <summary>Waits until <paramref name="resource"/>'s State cell reads exactly <paramref name="state"/>.</summary>
    public Task ExpectStateAsync(string resource, string state) =>
        Expect(ResourceRow(resource).Locator("td[col-index='2']")).ToHaveTextAsync(state);

    /// <summary>Opens <paramref name="resource"/>'s details (a click on its row) and waits until they read "Health state Healthy".</summary>
    public async Task ExpectHealthyAsync(string resource)
    {
        var row = ResourceRow(resource);
        var title = await row.Locator("td[col-index='1']").GetAttributeAsync("aria-label");
        await row.Locator("td[col-index='3']").ClickAsync();
        await Expect(Page.GetByText(title!, new() { Exact = true }).Last).ToBeVisibleAsync();
        await Expect(Page.Locator("tr", new() { HasTextRegex = HealthStateRow() })).ToHaveTextAsync(HealthyRow());
    }

    /// <summary>Goes to <paramref name="path"/> (<c>/traces</c>, <c>/structuredlogs</c>, …) through the dashboard's own link.</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(new Uri(new Uri(Page.Url), path).ToString());
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Saves the page as <c>&lt;screenshots&gt;/&lt;name&gt;.png</c> and writes the path to the test output.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(_screenshots);
        var path = Path.Combine(_screenshots, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        _output.WriteLine($"screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [GeneratedRegex(@"^\s*Health state")]
    private static partial Regex HealthStateRow();

    [GeneratedRegex(@"^\s*Health state\s*Healthy\s*$")]
    private static partial Regex HealthyRow();
}
