using System.Text;
using Fetch.Build.Core.Credentials;

namespace Fetch.Build.Core.Tests.Credentials;

public sealed class NetrcTests
{
    [Test]
    public void Parse_MachineEntries_GiveBasicForThatHostAlone()
    {
        var netrc = Netrc.Parse("machine files.example.org login ci password s3cret\nmachine other.org login a password b\n");

        Assert.That(netrc.BasicFor("files.example.org")?.ToString(), Is.EqualTo(Basic("ci:s3cret")));
        Assert.That(netrc.BasicFor("FILES.EXAMPLE.ORG")?.ToString(), Is.EqualTo(Basic("ci:s3cret")), "host names ignore case");
        Assert.That(netrc.BasicFor("example.org"), Is.Null, "a parent domain is another host");
        Assert.That(netrc.BasicFor("evil-files.example.org"), Is.Null, "never matched by suffix");
    }

    [Test]
    public void Parse_DefaultEntry_ServesHostsWithoutAnEntryOfTheirOwn()
    {
        var netrc = Netrc.Parse("machine a.org login a password 1\ndefault login anon password guest\n");

        Assert.That(netrc.BasicFor("a.org")?.ToString(), Is.EqualTo(Basic("a:1")));
        Assert.That(netrc.BasicFor("b.org")?.ToString(), Is.EqualTo(Basic("anon:guest")));
    }

    [Test]
    public void Parse_CurlsFormat_OneLineOrManyCommentsQuotesAccountsAndKeywordCase()
    {
        var netrc = Netrc.Parse("""
            # a comment line
            MACHINE a.org
              Login "user name"
              account ignored
              PASSWORD "p\"w \\d\tx" # trailing comment
            machine a.org login second password entry
            """);

        Assert.That(netrc.BasicFor("a.org")?.ToString(), Is.EqualTo(Basic("user name:p\"w \\d\tx")), "the first entry for a host wins");
    }

    [Test]
    public void Parse_Macdef_IsSkippedUpToTheBlankLine()
    {
        var netrc = Netrc.Parse("macdef init\nmachine evil.org login x password y\ncd /pub\n\nmachine a.org login a password 1\n");

        Assert.That(netrc.BasicFor("evil.org"), Is.Null, "a macro's body is not entries");
        Assert.That(netrc.BasicFor("a.org")?.ToString(), Is.EqualTo(Basic("a:1")));
    }

    [Test]
    public void Parse_LoginWithoutPassword_SendsAnEmptyPassword()
    {
        var netrc = Netrc.Parse("machine a.org login token-as-user");

        Assert.That(netrc.BasicFor("a.org")?.ToString(), Is.EqualTo(Basic("token-as-user:")));
    }

    [TestCase("machine a.org login u password p\nmachine", "line 2: 'machine' is not followed by a host name")]
    [TestCase("\nlogin u password hunter2", "line 2: 'login' before any 'machine' or 'default'")]
    [TestCase("machine a.org login u\n\n hunter2", "line 3: a word where machine, default, login, password, account or macdef was expected")]
    [TestCase("machine a.org login u password \"hunter2", "line 1: a quoted word is not closed")]
    [TestCase("machine a.org login u password", "line 1: 'password' is not followed by a password")]
    public void Parse_Malformed_SaysTheLineAndNeverAWordOfIt(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Netrc.Parse(text));

        Assert.That(error!.Message, Is.EqualTo(message));
        Assert.That(error.Message, Does.Not.Contain("hunter2").And.Not.Contain("a.org"));
    }

    private static string Basic(string pair) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));
}
