namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Marks an I/O failure on the extraction folder (disk full, permissions), so the extractor can
/// let it out as the original exception while every failure reading the archive becomes FB1008.
/// Some of those are IOExceptions too (EndOfStreamException from a truncated tar).
/// </summary>
internal sealed class TargetWriteException : Exception
{
    public TargetWriteException()
    {
    }

    public TargetWriteException(string message)
        : base(message)
    {
    }

    public TargetWriteException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public static T Run<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TargetWriteException(ex.Message, ex);
        }
    }

    public static void Run(Action action) => Run(() =>
    {
        action();
        return true;
    });
}
