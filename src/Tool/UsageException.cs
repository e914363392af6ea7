namespace Fetch.Build.Tool;

/// <summary>The command line asks for something that cannot be done as asked: exit code 2, with this message.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
