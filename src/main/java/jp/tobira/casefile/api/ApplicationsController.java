package jp.tobira.casefile.api;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.Document;
import jp.tobira.application.DocumentService;
import jp.tobira.application.DocumentType;
import jp.tobira.application.RequestsForInformation;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;

/**
 * The issuer's side of the JSON API (ARCHITECTURE.md §8). Translates HTTP to service
 * calls and nothing more.
 */
@RestController
@RequestMapping("/api/v1/applications")
@Tag(name = "Applications", description = "Drafting, documents, submission and withdrawal")
class ApplicationsController {

	private final ApplicationService applications;

	private final DocumentService documents;

	private final RequestsForInformation rfis;

	private final ApplicationViews views;

	ApplicationsController(ApplicationService applications, DocumentService documents, RequestsForInformation rfis,
			ApplicationViews views) {
		this.applications = applications;
		this.documents = documents;
		this.rfis = rfis;
		this.views = views;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create a draft application (issuer)")
	ResponseEntity<ApplicationView> create(@AuthenticationPrincipal TobiraUser user,
			@RequestBody(required = false) ApplicationContent content) {
		Application created = applications.create(user.actor(), content);
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(created.id().value())
			.toUri();
		return ResponseEntity.created(location).body(views.of(user.actor(), created));
	}

	@GetMapping
	@Operation(summary = "The caller's organisation's applications (issuer)")
	List<ApplicationView> mine(@AuthenticationPrincipal TobiraUser user) {
		return applications.mine(user.actor()).stream().map(a -> views.of(user.actor(), a)).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "An application with its status, documents and checks")
	ApplicationView get(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id) {
		return views.of(user.actor(), applications.get(user.actor(), new ApplicationId(id)));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Replace a draft's content (issuer)")
	ApplicationView revise(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestBody ApplicationContent content) {
		Application application = applications.revise(user.actor(), new ApplicationId(id), content);
		return views.of(user.actor(), application);
	}

	@PostMapping(path = "/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a document to a draft (issuer)")
	ResponseEntity<DocumentView> upload(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestParam("file") MultipartFile file, @RequestParam("type") String type) throws IOException {
		Document stored = documents.upload(user.actor(), new ApplicationId(id), documentType(type),
				new DocumentService.Upload(file.getBytes(), file.getOriginalFilename(), file.getContentType()));
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{documentId}")
			.buildAndExpand(stored.id())
			.toUri();
		return ResponseEntity.created(location).body(DocumentView.of(stored));
	}

	@GetMapping("/{id}/documents")
	@Operation(summary = "The case's documents, each with its type, name, size, media type, SHA-256 and version")
	List<DocumentView> documents(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id) {
		return documents.list(user.actor(), new ApplicationId(id)).stream().map(DocumentView::of).toList();
	}

	@GetMapping("/{id}/documents/{documentId}")
	@Operation(summary = "Download a document's bytes")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@PathVariable UUID documentId, @RequestParam(defaultValue = "false") boolean inline) {
		DocumentService.StoredFile file = documents.open(user.actor(), new ApplicationId(id), documentId);
		ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
			.filename(file.document().fileName(), java.nio.charset.StandardCharsets.UTF_8)
			.build();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.document().mediaType()))
			// an issuer's file shown in the browser runs no script and reaches nothing of
			// this origin
			.header("Content-Security-Policy", "sandbox")
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("X-Content-SHA256", file.document().sha256())
			.body(file.content());
	}

	@PostMapping("/{id}/submit")
	@Operation(summary = "Submit a complete draft (issuer); 422 names what is missing")
	ApplicationView submit(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id) {
		Application application = applications.submit(user.actor(), new ApplicationId(id));
		return views.of(user.actor(), application);
	}

	@PostMapping("/{id}/withdraw")
	@Operation(summary = "Withdraw an application before the decision (issuer)")
	ApplicationView withdraw(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestBody(required = false) WithdrawalRequest request) {
		Application application = applications.withdraw(user.actor(), new ApplicationId(id),
				request == null ? null : request.reason());
		return views.of(user.actor(), application);
	}

	@PostMapping(path = "/{id}/rfi-response", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Answer the open request for information, with new document versions (issuer)")
	ApplicationView answerRfi(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestParam("message") String message,
			@RequestParam(value = "file", required = false) List<MultipartFile> files,
			@RequestParam(value = "type", required = false) List<String> types) throws IOException {
		List<MultipartFile> given = files == null ? List.of() : files;
		List<String> kinds = types == null ? List.of() : types;
		if (given.size() != kinds.size()) {
			throw InvalidInput.of("type", "problem.typePerFile", given.size(), kinds.size());
		}
		List<RequestsForInformation.DocumentUpload> uploads = new java.util.ArrayList<>();
		for (int i = 0; i < given.size(); i++) {
			MultipartFile file = given.get(i);
			uploads.add(new RequestsForInformation.DocumentUpload(documentType(kinds.get(i)),
					new DocumentService.Upload(file.getBytes(), file.getOriginalFilename(), file.getContentType())));
		}
		rfis.answer(user.actor(), new ApplicationId(id), message, uploads);
		return get(user, id);
	}

	record WithdrawalRequest(String reason) {
	}

	private static DocumentType documentType(String type) {
		return Arrays.stream(DocumentType.values())
			.filter(candidate -> candidate.name().equals(type))
			.findFirst()
			.orElseThrow(() -> InvalidInput.of("type", "problem.unknownDocumentType", type,
					Arrays.toString(DocumentType.values())));
	}

}
