package dev.junction.plugins;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.time.Duration;

/**
 * The text of a PDF, with Apache PDFBox ({@code pdf-text}): page by page, within bounds — at most
 * {@link #MAX_BYTES} of PDF, {@link #MAX_PAGES} pages and {@link #MAX_CHARS} characters of text, stopping between
 * pages once {@link #TIME_LIMIT} has passed — so that one request's document cannot hold a worker for long. What is
 * left out is said at the end of the text. CPU and memory work: callers run it off the event loop.
 */
public final class PdfText {
    public static final int MAX_BYTES = 32 * 1024 * 1024;
    public static final int MAX_PAGES = 200;
    public static final int MAX_CHARS = 2_000_000;
    public static final Duration TIME_LIMIT = Duration.ofSeconds(20);

    /** A PDF that cannot be read: not a PDF, damaged, encrypted, too large. The message is for the client. */
    public static final class UnreadablePdfException extends RuntimeException {
        UnreadablePdfException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param text  the text, page after page
     * @param pages the document's page count
     * @param read  the pages read
     */
    public record Extracted(String text, int pages, int read) {}

    private PdfText() {}

    public static Extracted extract(byte[] pdf, String name) {
        if (pdf.length > MAX_BYTES) {
            throw new UnreadablePdfException(name + " is " + pdf.length + " bytes; PDFs of at most " + MAX_BYTES
                    + " bytes are read", null);
        }
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            if (document.isEncrypted()) {
                throw new UnreadablePdfException(name + " is encrypted; its text cannot be read", null);
            }
            int pages = document.getNumberOfPages();
            PDFTextStripper stripper = new PDFTextStripper();
            StringBuilder text = new StringBuilder();
            int read = 0;
            String stopped = null;
            for (int page = 1; page <= pages; page++) {
                if (page > MAX_PAGES) {
                    stopped = "only the first " + MAX_PAGES + " pages were read";
                    break;
                }
                if (System.nanoTime() > deadline) {
                    stopped = "reading stopped after " + TIME_LIMIT.toSeconds() + " seconds";
                    break;
                }
                if (text.length() > MAX_CHARS) {
                    stopped = "only the first " + MAX_CHARS + " characters were kept";
                    break;
                }
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                text.append(stripper.getText(document));
                read++;
            }
            if (stopped != null) {
                text.append("\n[").append(name).append(": ").append(stopped).append(" of ").append(pages).append("]");
            }
            return new Extracted(text.toString().strip(), pages, read);
        } catch (IOException e) {
            throw new UnreadablePdfException(name + " could not be read as a PDF: " + e.getMessage(), e);
        }
    }
}
