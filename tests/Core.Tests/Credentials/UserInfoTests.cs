using System.Text;
using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Credentials;

/// <summary>User-info in a URL is a credential for that URL's host (issue 14 item 7), as curl treats it.</summary>
public sealed class UserInfoTests
{
    private static readonly byte[] Content = TestData.Bytes(3000, seed: 61);

    [Test]
    public void BasicOf_EscapedUserAndPassword_AreDecodedIntoBasicCredentials()
    {
        var basic = UserInfo.BasicOf(new Uri("https://al%20ice:p%40ss%3Aword@example.org/x.bin"));

        Assert.That(basic?.Scheme, Is.EqualTo("Basic"));
        Assert.That(Encoding.UTF8.GetString(Convert.FromBase64String(basic!.Parameter!)), Is.EqualTo("al ice:p@ss:word"));
        Assert.That(UserInfo.BasicOf(new Uri("https://example.org/x.bin")), Is.Null);
    }

    [Test]
    public async Task RunAsync_UserInfoInTheUrl_IsSentAsBasicToThatHostOnlyAndNeverInTheRequestLine()
    {
        await using var h = await PipelineHarness.StartAsync();
        await using var cdn = await LoopbackServer.StartAsync();
        cdn.Serve("blob", Content);
        h.Server.Handle("private/data.bin", (context, _) => context.Request.Headers.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("reader:s3cret@1"))
            ? Faults.RedirectAsync(context, cdn.Url("blob").AbsoluteUri)
            : Faults.StatusAsync(context, 401));
        var url = new UriBuilder(h.Server.Url("private/data.bin")) { UserName = "reader", Password = "s3cret%401" }.Uri.AbsoluteUri;

        var (outcome, log) = await h.RunAsync(PipelineHarness.Artifact(url, ("Sha256", TestData.Sha256(Content))));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(cdn.Requests.Single().Headers.ContainsKey("Authorization"), Is.False, "the redirect target is another origin");
        Assert.That(log.ToString(), Does.Not.Contain("s3cret"));
    }
}
