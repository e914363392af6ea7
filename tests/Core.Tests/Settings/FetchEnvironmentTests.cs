using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Tests.Settings;

public sealed class FetchEnvironmentTests
{
    [Test]
    public void Get_SetBlankAndMissing_AreToldApart()
    {
        var environment = new FetchEnvironment([new("SET", " value "), new("BLANK", "  "), new("NULL", null)]);

        Assert.That((environment.Get("SET"), environment.GetNonEmpty("SET")), Is.EqualTo((" value ", "value")));
        Assert.That((environment.Get("BLANK"), environment.GetNonEmpty("BLANK")), Is.EqualTo(("  ", (string?)null)));
        Assert.That((environment.Get("NULL"), environment.Get("MISSING")), Is.EqualTo(((string?)null, (string?)null)));
    }

    [Test]
    public void Get_NameInAnotherCase_MatchesOnlyOnWindows()
    {
        var environment = new FetchEnvironment([new("Fetch_Build_Cache", "/c")]);

        Assert.That(environment.Get("FETCH_BUILD_CACHE"), Is.EqualTo(OperatingSystem.IsWindows() ? "/c" : null));
    }

    [Test]
    public void FromProcess_ReadsTheProcessEnvironmentOnce()
    {
        var name = "FETCH_BUILD_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "before");
        try
        {
            var environment = FetchEnvironment.FromProcess();
            Environment.SetEnvironmentVariable(name, "after");

            Assert.That(environment.Get(name), Is.EqualTo("before"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
