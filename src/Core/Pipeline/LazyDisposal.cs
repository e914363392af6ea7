namespace Fetch.Build.Core.Pipeline;

/// <summary>Disposes a lazily created value only if it was ever created.</summary>
internal readonly struct LazyDisposal<T> : IDisposable
    where T : IDisposable
{
    private readonly Lazy<T> _lazy;

    public LazyDisposal(Lazy<T> lazy)
    {
        _lazy = lazy;
    }

    public void Dispose()
    {
        if (_lazy.IsValueCreated)
        {
            _lazy.Value.Dispose();
        }
    }
}
