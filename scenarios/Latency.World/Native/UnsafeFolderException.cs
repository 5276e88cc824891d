namespace Latency.World.Native;

/// <summary>
/// A folder the program was about to trust (the world's state, whose files name processes to signal and
/// namespaces to delete) is not private to the user running it. An <see cref="IOException"/>, so commands report it
/// as a failure of the machine, not of the input.
/// </summary>
public sealed class UnsafeFolderException : IOException
{
    /// <summary>An exception for an unsafe folder.</summary>
    /// <param name="message">What is wrong with which folder, and what to do.</param>
    public UnsafeFolderException(string message)
        : base(message)
    {
    }

    /// <summary>An exception without a message (for serializers and analyzers).</summary>
    public UnsafeFolderException()
    {
    }

    /// <summary>An exception wrapping <paramref name="inner"/>.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The cause.</param>
    public UnsafeFolderException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
