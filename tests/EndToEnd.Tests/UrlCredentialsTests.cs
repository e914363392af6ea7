using System.Text;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>Credentials written in a URL, through a real build (issue 14 item 7).</summary>
public sealed class UrlCredentialsTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(10_000, seed: 71);

    [Test]
    public async Task Build_UserInfoInTheIncludeUrl_IsSentAsBasicAndNeverPrinted()
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:pa55@word"));
        Server.Handle("private/data.bin", (context, _) => context.Request.Headers.Authorization == expected
            ? StaticContent.WriteAsync(context, Content, "\"v1\"")
            : Faults.StatusAsync(context, 401));
        var url = new UriBuilder(Server.Url("private/data.bin")) { UserName = "ci", Password = "pa55%40word" }.Uri.AbsoluteUri;
        using var project = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(url, ("Sha256", TestData.Sha256(Content))) } };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "obj", "fetch", "data.bin")), Is.EqualTo(Content));
        Assert.That(run.Output, Does.Not.Contain("pa55"));
    }
}
