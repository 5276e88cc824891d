namespace Latency.RunDirectory;

/// <summary>
/// A write-only stream that takes UTF-16LE bytes (what HdrHistogram.NET's <c>HistogramLogWriter</c> produces: it
/// hard-codes <c>Encoding.Unicode</c>) and writes them as ASCII to an inner stream, because the Java and Python
/// HdrHistogram readers only read ASCII/UTF-8 logs. A leading BOM is dropped; a character above 0x7F throws
/// (nothing we write may contain one, and silently replacing it would corrupt a tag); a code unit split across
/// two writes is joined. <see cref="Flush"/> flushes the inner stream: the writer flushes after every line, so a
/// crash loses at most the line being written.
/// </summary>
internal sealed class Utf16ToAsciiStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private int _pendingLowByte = -1;
    private bool _firstCodeUnitSeen;

    public Utf16ToAsciiStream(Stream inner, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!inner.CanWrite)
        {
            throw new ArgumentException("the inner stream must be writable", nameof(inner));
        }

        _inner = inner;
        _leaveOpen = leaveOpen;
    }

    public override bool CanRead => false;

    // Not seekable on purpose: a StreamWriter over a seekable stream at position > 0 would skip the BOM,
    // and we want one predictable input shape.
    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        // At most one output byte per two input bytes, plus one for a pending half code unit.
        Span<byte> output = buffer.Length <= 1024 ? stackalloc byte[buffer.Length / 2 + 1] : new byte[buffer.Length / 2 + 1];
        var written = 0;
        foreach (var b in buffer)
        {
            if (_pendingLowByte < 0)
            {
                _pendingLowByte = b;
                continue;
            }

            var codeUnit = (char)(_pendingLowByte | (b << 8));
            _pendingLowByte = -1;
            var isFirst = !_firstCodeUnitSeen;
            _firstCodeUnitSeen = true;
            if (isFirst && codeUnit == '\uFEFF')
            {
                continue;
            }

            if (codeUnit > 0x7F)
            {
                throw new InvalidDataException(
                    $"interval log: non-ASCII character U+{(int)codeUnit:X4}; tags and comments must be ASCII");
            }

            output[written++] = (byte)codeUnit;
        }

        _inner.Write(output[..written]);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Pushes the ASCII written so far to the inner stream and flushes it (to the OS for a FileStream).</summary>
    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A pending half code unit means the writer stopped mid-character; there is nothing valid to write.
            _inner.Flush();
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
