"""The words of spaced reviews (issue 26), in the four languages of strings.py.

Kept apart from strings.py's tables so that reviews add one file rather than lines in each table;
strings.py merges them into PROGRESS (the progress tracker's words), so a site overrides them by
key like any other.
"""

from __future__ import annotations

REVIEW: dict[str, dict[str, str]] = {
    "en": {
        "valid_until": "Valid until",
        "recert_due": "Your certificate expires on {d}: pass the final assessment again to recertify.",
        "recert_expired": "Your certificate expired on {d}. Pass the final assessment again to recertify.",
        "test_out_title": "Test out: {m}",
        "test_out_intro": "Already know this module? Pass this test ({n} questions, pass mark {mark} %) to skip it: "
        "its lessons are marked done and its quiz passed. Not passed, it tells you what to study.",
        "test_out_passed": "You tested out of this module: its lessons are marked done and its quiz passed.",
        "test_out_failed": "Not passed this time. Study these, then take the module's quiz:",
        "review_title": "Review",
        "review_intro": "Short reviews bring back what you learned, spaced out over weeks, so that you keep it. "
        "Answer from memory before you look anything up.",
        "review_none": "Nothing to review yet: reviews start once you have passed a module's quiz.",
        "review_next": "Nothing to review today. Your next review is on {d}.",
        "review_not_yet": "You have retained everything: there are no more reviews.",
        "review_done": "Your review is recorded. {next}",
        "review_ics": "Add review reminders to your calendar (.ics)",
        "review_event": "Review: {c}",
        "review_event_text": "A short review of {c} is due. Open it here:",
        "review_due_n": "{n} reviews due",
        "review_due_one": "1 review due",
        "review_start": "Start the review",
        "review_retention": "Reviews: {r} of {n} right at the last review",
    },
    "de": {
        "valid_until": "Gültig bis",
        "recert_due": "Ihr Zertifikat läuft am {d} ab: Bestehen Sie die Abschlussprüfung erneut, um es zu erneuern.",
        "recert_expired": "Ihr Zertifikat ist am {d} abgelaufen. Bestehen Sie die Abschlussprüfung erneut, um es "
        "zu erneuern.",
        "test_out_title": "Vorab-Test: {m}",
        "test_out_intro": "Kennen Sie dieses Modul schon? Bestehen Sie diesen Test ({n} Fragen, Bestehensgrenze "
        "{mark} %), um es zu überspringen: Seine Lektionen gelten als erledigt und sein Quiz als bestanden. "
        "Nicht bestanden, zeigt er, was Sie lernen sollten.",
        "test_out_passed": "Sie haben das Modul per Vorab-Test abgeschlossen: Lektionen erledigt, Quiz bestanden.",
        "test_out_failed": "Diesmal nicht bestanden. Lernen Sie dies, dann machen Sie das Quiz des Moduls:",
        "review_title": "Wiederholung",
        "review_intro": "Kurze Wiederholungen, über Wochen verteilt, holen das Gelernte zurück, damit es bleibt. "
        "Antworten Sie aus dem Gedächtnis, bevor Sie etwas nachschlagen.",
        "review_none": "Noch nichts zu wiederholen: Wiederholungen beginnen, sobald Sie das Quiz eines Moduls "
        "bestanden haben.",
        "review_next": "Heute ist nichts zu wiederholen. Ihre nächste Wiederholung ist am {d}.",
        "review_not_yet": "Sie haben alles behalten: Es gibt keine Wiederholungen mehr.",
        "review_done": "Ihre Wiederholung ist gespeichert. {next}",
        "review_ics": "Erinnerungen an Wiederholungen in den Kalender (.ics)",
        "review_event": "Wiederholung: {c}",
        "review_event_text": "Eine kurze Wiederholung von {c} ist fällig. Hier öffnen:",
        "review_due_n": "{n} Wiederholungen fällig",
        "review_due_one": "1 Wiederholung fällig",
        "review_start": "Wiederholung beginnen",
        "review_retention": "Wiederholungen: {r} von {n} richtig bei der letzten Wiederholung",
    },
    "fr": {
        "valid_until": "Valable jusqu'au",
        "recert_due": "Votre certificat expire le {d} : réussissez à nouveau l'évaluation finale pour le renouveler.",
        "recert_expired": "Votre certificat a expiré le {d}. Réussissez à nouveau l'évaluation finale pour le "
        "renouveler.",
        "test_out_title": "Test de dispense : {m}",
        "test_out_intro": "Vous connaissez déjà ce module ? Réussissez ce test ({n} questions, seuil de réussite "
        "{mark} %) pour le passer : ses leçons sont marquées terminées et son quiz réussi. Sinon, il vous dit "
        "quoi étudier.",
        "test_out_passed": "Vous êtes dispensé de ce module : ses leçons sont terminées et son quiz réussi.",
        "test_out_failed": "Pas réussi cette fois. Étudiez ceci, puis faites le quiz du module :",
        "review_title": "Révision",
        "review_intro": "De courtes révisions, espacées sur plusieurs semaines, ramènent ce que vous avez appris "
        "pour que vous le gardiez. Répondez de mémoire avant de chercher quoi que ce soit.",
        "review_none": "Rien à réviser pour l'instant : les révisions commencent une fois le quiz d'un module réussi.",
        "review_next": "Rien à réviser aujourd'hui. Votre prochaine révision est le {d}.",
        "review_not_yet": "Vous avez tout retenu : il n'y a plus de révisions.",
        "review_done": "Votre révision est enregistrée. {next}",
        "review_ics": "Ajouter les rappels de révision à votre agenda (.ics)",
        "review_event": "Révision : {c}",
        "review_event_text": "Une courte révision de {c} est à faire. Ouvrez-la ici :",
        "review_due_n": "{n} révisions à faire",
        "review_due_one": "1 révision à faire",
        "review_start": "Commencer la révision",
        "review_retention": "Révisions : {r} sur {n} justes à la dernière révision",
    },
    "es": {
        "valid_until": "Válido hasta",
        "recert_due": "Su certificado caduca el {d}: apruebe de nuevo la evaluación final para renovarlo.",
        "recert_expired": "Su certificado caducó el {d}. Apruebe de nuevo la evaluación final para renovarlo.",
        "test_out_title": "Prueba de exención: {m}",
        "test_out_intro": "¿Ya conoce este módulo? Apruebe esta prueba ({n} preguntas, nota para aprobar {mark} %) "
        "para saltarlo: sus lecciones quedan hechas y su cuestionario aprobado. Si no aprueba, le dice qué estudiar.",
        "test_out_passed": "Ha quedado exento de este módulo: sus lecciones están hechas y su cuestionario aprobado.",
        "test_out_failed": "No aprobado esta vez. Estudie esto y luego haga el cuestionario del módulo:",
        "review_title": "Repaso",
        "review_intro": "Repasos breves, espaciados a lo largo de semanas, traen de vuelta lo aprendido para que "
        "lo conserve. Responda de memoria antes de consultar nada.",
        "review_none": "Nada que repasar todavía: los repasos empiezan cuando apruebe el cuestionario de un módulo.",
        "review_next": "Nada que repasar hoy. Su próximo repaso es el {d}.",
        "review_not_yet": "Lo ha retenido todo: no hay más repasos.",
        "review_done": "Su repaso está guardado. {next}",
        "review_ics": "Añadir recordatorios de repaso a su calendario (.ics)",
        "review_event": "Repaso: {c}",
        "review_event_text": "Toca un breve repaso de {c}. Ábralo aquí:",
        "review_due_n": "{n} repasos pendientes",
        "review_due_one": "1 repaso pendiente",
        "review_start": "Empezar el repaso",
        "review_retention": "Repasos: {r} de {n} correctas en el último repaso",
    },
}
